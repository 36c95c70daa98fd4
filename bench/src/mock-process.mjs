// The mock server in its own process, so its CPU time is not charged to the clients being
// measured (on a real deployment the server is elsewhere too). Options come as JSON in argv;
// the parent gets the URL over IPC and stops us by disconnecting (or by exiting).
import { startMockServer } from "@yeastar-openapi/mock-server";

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await startMockServer(options);
process.send?.({
  url: server.url,
  // Fixtures of the mock (they open nothing else), needed to log in.
  credentials: server.credentials.ycm,
  // In list order, so the parent can check that paging kept it.
  ycmUserIds: server.dataset.collections.YcmUser.map((user) => user.userId),
});
process.on("disconnect", () => {
  void server.close().then(() => process.exit(0));
});
