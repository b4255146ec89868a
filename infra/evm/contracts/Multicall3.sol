// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

/// The part of Multicall3 (github.com/mds1/multicall, deployed at 0xcA11bde05977b3631167028862bE2a173976CA11
/// on mainnets) the chain watcher uses: aggregate3, with the same ABI and semantics. The tests and the
/// benchmark put its code at that address on the local node, as on a chain that has Multicall3.
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) public payable returns (Result[] memory returnData) {
        uint256 length = calls.length;
        returnData = new Result[](length);
        for (uint256 i = 0; i < length; i++) {
            Call3 calldata call = calls[i];
            Result memory result = returnData[i];
            (result.success, result.returnData) = call.target.call(call.callData);
            if (!call.allowFailure && !result.success) revert("Multicall3: call failed");
        }
    }
}
