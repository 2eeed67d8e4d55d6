"""The sync client: push the outbox to headquarters, pull what headquarters has.

``client.HqClient`` signs every request with the device key (``laissez.protocol``);
``engine.SyncEngine`` drives push and pull over the local database; ``state`` keeps the
device identity, number ranges, revocations and published forms beside the outbox.
"""
