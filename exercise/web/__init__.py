"""The web server of `exercise serve`: the terminal UI in browsers across a classroom network.

- `address`: the addresses printed for each seat (the public URL, the port, the seat's token).
- `page`: the HTML page a browser tab loads, with nothing fetched from outside the machine.
- `server`: the aiohttp server (textual-serve's, wrapped): the token on every request, the
  websocket's origin, a bounded number of tabs per address, one `exercise play` process per
  tab that ends with its tab.

No Textual here: each tab's screen is an `exercise play` child process.
"""
