"""A minimal OLE compound file (version 3, 512-byte sectors) written by hand, for the legacy
Office checks: streams of at least 4096 bytes each, so no mini stream is needed."""

import struct

SECTOR = 512
FREE, END, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NO_STREAM = 0xFFFFFFFF


def _entry(name: str, kind: int, *, right=NO_STREAM, child=NO_STREAM, start=END, size=0) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NO_STREAM, right, child)
        + b"\x00" * 16
        + struct.pack("<IQQ", 0, 0, 0)
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """`streams` by path ("Macros/VBA/dir"); storages are made for the folders."""
    tree: dict = {}
    for path, content in streams.items():
        *folders, leaf = path.split("/")
        node = tree
        for folder in folders:
            node = node.setdefault(folder, {})
        node[leaf] = content.ljust(4096, b"\x00")
    entries: list = [None]  # the root first
    data: list[bytes] = []

    def add(children: dict) -> int:
        """Adds the children as a chain of right siblings; returns the first one's index."""
        indexes = []
        for name in sorted(children, key=lambda n: (len(n), n.upper())):
            value = children[name]
            indexes.append(len(entries))
            entries.append([name, value])
        for position, index in enumerate(indexes):
            name, value = entries[index]
            right = indexes[position + 1] if position + 1 < len(indexes) else NO_STREAM
            if isinstance(value, dict):
                entries[index] = ("storage", name, right, add(value))
            else:
                data.append(value)
                entries[index] = ("stream", name, right, value)
        return indexes[0] if indexes else NO_STREAM

    root_child = add(tree)
    directory_sectors = (len(entries) * 128 + SECTOR - 1) // SECTOR
    next_sector = 1 + directory_sectors
    fat = [FAT_SECTOR] + [n + 2 for n in range(directory_sectors - 1)] + [END]
    directory = [_entry("Root Entry", 5, child=root_child)]
    for kind, name, right, value in entries[1:]:
        if kind == "storage":
            directory.append(_entry(name, 1, right=right, child=value))
            continue
        count = len(value) // SECTOR
        directory.append(_entry(name, 2, right=right, start=next_sector, size=len(value)))
        fat += [next_sector + n + 1 for n in range(count - 1)] + [END]
        next_sector += count
    assert len(fat) <= SECTOR // 4, "one FAT sector is enough for these tests"
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", FREE) * 108
    )
    body = struct.pack(f"<{len(fat)}I", *fat)
    body += b"".join(directory).ljust(directory_sectors * SECTOR, b"\x00")
    body += b"".join(data)
    return header + body
