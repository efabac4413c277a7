"""``python -m tangthu``: the same as the ``tangthu`` command."""

from tangthu.launch import start

start()
