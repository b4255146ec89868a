export interface CompiledContract {
  readonly abi: readonly unknown[];
  readonly bytecode: `0x${string}`;
}
export function compileContracts(): Record<'BackedToken' | 'RebasingToken' | 'Multicall3', CompiledContract>;
