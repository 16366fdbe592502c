#!/usr/bin/env python3
"""A minimal SMTP sink on loopback for benchmarks: accepts everything, counts connections and messages.

Prints the port it listens on as its first line; on SIGTERM or SIGINT prints one JSON line with the
counts and exits. Standard library only.
"""
import asyncio
import json
import signal
import sys

stats = {"connections": 0, "messages": 0, "bytes": 0}


async def session(reader, writer):
    stats["connections"] += 1
    writer.write(b"220 bench-sink ESMTP\r\n")
    in_data = False
    size = 0
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    stats["messages"] += 1
                    stats["bytes"] += size
                    writer.write(b"250 2.0.0 queued\r\n")
                else:
                    size += len(line)
                continue
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-bench-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                in_data, size = True, 0
                writer.write(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 ok\r\n")
            else:
                writer.write(b"500 unknown\r\n")
            await writer.drain()
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(session, "127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    # Bounded: a forgotten sink stops by itself after ten minutes.
    try:
        await asyncio.wait_for(stop.wait(), timeout=600)
    except asyncio.TimeoutError:
        pass
    server.close()
    print(json.dumps(stats), flush=True)


asyncio.run(main())
