"""One module per group of commands; each offers ``register(app)``.

Keep these modules light: only typer at import time, everything else inside the functions.
"""
