// SPDX-License-Identifier: MIT
pragma solidity 0.8.26;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// A rebasing token in the manner of Backed's fee-bearing ones: balances are kept as shares and
/// shown times a multiplier (1e18 = 1:1), `balanceOf = shares × multiplier / 1e18`. Transfer logs
/// carry token amounts at the multiplier of the moment; a multiplier change rescales every balance
/// and emits MultiplierUpdated, never Transfer. OpenZeppelin's ERC20 stores balances directly, so
/// this variant implements the interface itself over shares.
contract RebasingToken is IERC20, Ownable {
    uint256 public multiplier = 1e18;
    uint8 public constant decimals = 18;
    string public name;
    string public symbol;
    uint256 private _totalShares;
    mapping(address => uint256) private _shares;
    mapping(address => mapping(address => uint256)) public allowance;

    event MultiplierUpdated(uint256 value);

    constructor(string memory name_, string memory symbol_) Ownable(msg.sender) {
        name = name_;
        symbol = symbol_;
    }

    function totalSupply() external view returns (uint256) {
        return (_totalShares * multiplier) / 1e18;
    }

    function balanceOf(address account) external view returns (uint256) {
        return (_shares[account] * multiplier) / 1e18;
    }

    function updateMultiplier(uint256 value) external onlyOwner {
        multiplier = value;
        emit MultiplierUpdated(value);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        uint256 shares = (amount * 1e18) / multiplier;
        _totalShares += shares;
        _shares[to] += shares;
        emit Transfer(address(0), to, amount);
    }

    function burn(address from, uint256 amount) external onlyOwner {
        uint256 shares = (amount * 1e18) / multiplier;
        _shares[from] -= shares;
        _totalShares -= shares;
        emit Transfer(from, address(0), amount);
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 shares = (amount * 1e18) / multiplier;
        _shares[from] -= shares;
        _shares[to] += shares;
        emit Transfer(from, to, amount);
    }
}
