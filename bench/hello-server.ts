/**
 * The baseline of every request figure: a bare Fastify "hello" route in its own process,
 * started by bench/requests.ts on the port in PORT.
 */
import Fastify from 'fastify';

const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
