"""A TCP relay to a server that fails as a network can: it refuses connections, drops them, or
black-holes them (accepts and then passes nothing on, as when packets are lost), and recovers."""

import socket
import threading
from contextlib import suppress
from urllib.parse import urlsplit

from tests.live_server import free_port


class TcpProxy:
    """Relays 127.0.0.1:`port` to `target`.

    `close` drops every connection and refuses new ones; `drop` accepts and at once closes every
    connection; `black_hole` holds back whatever either side sends, on connections open and new;
    `open` relays again, delivering what was held back, as TCP does when a network comes back.
    """

    def __init__(self, target_host, target_port):
        self.target = (target_host, target_port)
        self.port = free_port()
        self.sockets = []
        self.listener = None
        self.dropping = False
        self.flowing = threading.Event()

    def url_for(self, url):
        """`url`, an address of the target, reaching it through this relay."""
        return urlsplit(url)._replace(netloc=f"127.0.0.1:{self.port}").geturl()

    def open(self):
        self.dropping = False
        self.flowing.set()
        if self.listener is None:
            self.listener = socket.socket()
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.listener.bind(("127.0.0.1", self.port))
            self.listener.listen()
            threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def close(self):
        """Refuse: nothing listens, and every connection is closed."""
        if self.listener is not None:
            _close(self.listener)
            self.listener = None
        self._close_connections()
        self.flowing.set()

    def drop(self):
        """Close every connection, and each new one as soon as it is made."""
        self.dropping = True
        self._close_connections()
        self.flowing.set()

    def black_hole(self):
        """Accept connections, but pass nothing on in either direction until `open`."""
        self.flowing.clear()

    def _close_connections(self):
        sockets, self.sockets = self.sockets, []
        for sock in sockets:
            _close(sock)

    def _accept(self, listener):
        with suppress(OSError):
            while True:
                client, _address = listener.accept()
                if self.dropping:
                    _close(client)
                    continue
                upstream = socket.create_connection(self.target)
                self.sockets += [client, upstream]
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        with suppress(OSError):
            while data := source.recv(65536):
                self.flowing.wait()
                sink.sendall(data)
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def _close(sock):
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
