// Starts fauxqs for the tests. Its own command line listens on every interface and on a fixed port;
// here it listens on loopback only, on a port the system picks, and says which on its first line.
import { pathToFileURL } from "node:url";

const { buildApp } = await import(pathToFileURL(process.argv[2]).href);
const app = buildApp({ logger: false });
const address = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(`fauxqs listening on ${address}`);

// The JVM that started this holds its stdin: when the JVM goes, however it goes, so does this.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
