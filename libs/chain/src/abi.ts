import { viem } from './viem';

/** The ERC-20 surface the watcher reads, plus the rebasing tokens' multiplier event. */
export const TOKEN_ABI = viem.parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event MultiplierUpdated(uint256 value)',
  'function totalSupply() view returns (uint256)',
  'function decimals() view returns (uint8)',
]);

export const TRANSFER_EVENT = TOKEN_ABI[0];
export const MULTIPLIER_EVENT = TOKEN_ABI[1];
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
