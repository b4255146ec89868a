// Compiles the token contracts with the solc npm package (the exact 0.8.26 compiler, no download),
// resolving OpenZeppelin imports from node_modules. Output is cached by source hash in .cache/evm.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const CONTRACTS = path.join(__dirname, 'contracts');
const CACHE = path.join(__dirname, '..', '..', '.cache', 'evm');

function sources() {
  return Object.fromEntries(fs.readdirSync(CONTRACTS).filter((f) => f.endsWith('.sol')).sort()
    .map((f) => [f, { content: fs.readFileSync(path.join(CONTRACTS, f), 'utf8') }]));
}

function findImport(importPath) {
  try {
    return { contents: fs.readFileSync(require.resolve(importPath), 'utf8') };
  } catch {
    return { error: `import not found: ${importPath}` };
  }
}

/** { [contractName]: { abi, bytecode } } for every contract in contracts/. */
function compileContracts() {
  const input = { language: 'Solidity', sources: sources(), settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } } };
  const key = crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 16);
  const cached = path.join(CACHE, `${key}.json`);
  if (fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, 'utf8'));
  const solc = require('solc');
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(`solc: ${errors.map((e) => e.formattedMessage).join('\n')}`);
  const contracts = {};
  for (const file of Object.keys(input.sources)) {
    for (const [name, c] of Object.entries(output.contracts[file])) contracts[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
  }
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(cached, JSON.stringify(contracts));
  return contracts;
}

module.exports = { compileContracts };

if (require.main === module) {
  const contracts = compileContracts();
  console.log(Object.keys(contracts).map((name) => `${name}: ${(contracts[name].bytecode.length - 2) / 2} bytes`).join('\n'));
}
