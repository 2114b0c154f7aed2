// Exits 0 when RabbitMQ completes an AMQP handshake within the time limit, 1 otherwise.
// An open port is not enough: a broker can accept TCP and never answer.
const amqp = require('amqplib');

const url = process.env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672';
const limitMs = Number(process.env.AMQP_PROBE_MS || 15000);
const timer = setTimeout(() => process.exit(1), limitMs);

amqp
  .connect(url)
  .then((connection) => connection.close())
  .then(() => {
    clearTimeout(timer);
    process.exit(0);
  })
  .catch(() => process.exit(1));
