#!/usr/bin/env python3
"""A minimal SMTP sink on loopback for benchmarks: accepts everything, counts connections and messages.

Usage: smtp_sink.py [PORT] [--record FILE]. Prints the port it listens on as its first line; on SIGTERM
or SIGINT prints one JSON line with the counts and exits. With --record, appends one JSON line per
message received (envelope recipients and Message-ID), written before the message is acknowledged, so
a test can check that every mail arrived exactly once. Standard library only.
"""
import argparse
import asyncio
import email.parser
import json
import signal

stats = {"connections": 0, "messages": 0, "bytes": 0}
record = None


def remember(recipients: list[str], data: bytes) -> None:
    headers = email.parser.BytesHeaderParser().parsebytes(data)
    message_id = " ".join((headers.get("Message-ID") or "").split())
    record.write(json.dumps({"rcpt": recipients, "message_id": message_id}) + "\n")
    record.flush()


async def session(reader, writer):
    stats["connections"] += 1
    writer.write(b"220 bench-sink ESMTP\r\n")
    in_data = False
    size = 0
    recipients: list[str] = []
    lines: list[bytes] = []
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
                    if record:
                        remember(recipients, b"".join(lines))
                    recipients, lines = [], []
                    writer.write(b"250 2.0.0 queued\r\n")
                else:
                    size += len(line)
                    if record:
                        lines.append(line[1:] if line.startswith(b"..") else line)
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
            elif verb == b"RCPT":
                recipients.append(line[8:].strip().strip(b"<>").decode("utf-8", "replace"))
                writer.write(b"250 ok\r\n")
            elif verb in (b"MAIL", b"RSET"):
                recipients, lines = [], []
                writer.write(b"250 ok\r\n")
            elif verb in (b"HELO", b"NOOP"):
                writer.write(b"250 ok\r\n")
            else:
                writer.write(b"500 unknown\r\n")
            await writer.drain()
    except (asyncio.CancelledError, ConnectionError):
        # The sink stops while a client keeps its connection open (the outbox worker reuses one).
        pass
    finally:
        writer.close()


async def main():
    global record
    parser = argparse.ArgumentParser()
    parser.add_argument("port", nargs="?", type=int, default=0)
    parser.add_argument("--record", help="append one JSON line per message received to this file")
    options = parser.parse_args()
    if options.record:
        record = open(options.record, "a")
    server = await asyncio.start_server(session, "127.0.0.1", options.port)
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
