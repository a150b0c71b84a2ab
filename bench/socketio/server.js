// The Socket.IO relay: the same pairing as bench/BareSignalR. A visitor socket joins room v:PAIR,
// an agent socket joins a:PAIR for every pair it serves; a text from one side goes to the other
// side's room as relay(pairId, text). Nothing else. Usage: node server.js PORT
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 5300);
const http = createServer((req, res) => {
  res.writeHead(req.url === "/health/ready" ? 200 : 404).end();
});
const io = new Server(http, { serveClient: false });

io.on("connection", (socket) => {
  socket.on("visitor", (pairId, ack) => {
    socket.join(`v:${pairId}`);
    ack?.();
  });
  socket.on("agent", (pairId, ack) => {
    socket.join(`a:${pairId}`);
    ack?.();
  });
  socket.on("vsend", (pairId, text) => io.to(`a:${pairId}`).emit("relay", pairId, text));
  socket.on("asend", (pairId, text) => io.to(`v:${pairId}`).emit("relay", pairId, text));
});

http.listen(port, "127.0.0.1", () => console.log(`socket.io relay listening on 127.0.0.1:${port}`));
