// Run by db/embedded.test.ts as a second process that tries to open the same data directory.
import { openEmbeddedServer } from "@/db/embedded";

openEmbeddedServer(process.argv[2]!).then(
  async (server) => {
    console.log("opened");
    await server.close();
  },
  (error: Error) => {
    console.error(`${error.name}: ${error.message}`);
    process.exit(3);
  },
);
