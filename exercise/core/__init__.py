"""The data model: scenario specs, game state, orders, events, canonical hashing, random streams.

Imports attrs, cattrs and the standard library only.
"""
