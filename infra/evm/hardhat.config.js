// The local EVM node the chain tests start (`hardhat node --config infra/evm/hardhat.config.js`).
// Hardhat compiles nothing here: the contracts are compiled with the solc npm package (compile.js),
// so no compiler is ever downloaded. HARDHAT_CHAIN_ID lets two nodes stand for two chains.
const path = require('node:path');

module.exports = {
  paths: { sources: path.join(__dirname, 'no-hardhat-sources'), cache: path.join(__dirname, '..', '..', '.cache', 'hardhat') },
  networks: {
    hardhat: {
      chainId: Number(process.env.HARDHAT_CHAIN_ID || 31337),
      // Interval mining off: a block only when a transaction or a test asks, so block numbers are exact.
      mining: { auto: true, interval: 0 },
      accounts: { count: 5 },
      loggingEnabled: false,
    },
  },
};
