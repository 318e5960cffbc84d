"""Reading structured files (YAML, TOML, JSON) safely, with errors that name the file."""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO, Literal

import yaml

from careerfit_opt.errors import InputError

#: Largest scenario or catalogue file read (bytes). Bigger input is almost surely a mistake.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Deepest nesting of mappings and lists in a file (scenarios need about 5).
MAX_DEPTH = 64
#: Most values YAML aliases may add beyond what the file writes out.
MAX_ALIAS_EXPANSION = 100_000
_CHUNK = 1 << 20
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


#: libyaml's parser when PyYAML was built with it (40× faster on big files), else pure Python.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """A safe YAML loader that rejects a key given twice in one mapping (PyYAML keeps the last)."""


def _construct_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key {key!r} appears twice (first on line {seen[key] + 1}); keep one",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line
    mapping: dict[Any, Any] = loader.construct_mapping(node)
    return mapping


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


#: The same loader (kept for callers of the earlier name): libyaml-backed already.
FastUniqueKeyLoader = UniqueKeyLoader


def path_kind(path: Path) -> Literal["dir", "file"] | None:
    """``"dir"``, ``"file"`` or ``None`` (nothing there): a name the file system refuses (too
    long, say) names no file, rather than raising :class:`OSError`.

    >>> path_kind(Path("x" * 5000)) is None
    True
    """
    try:
        if path.is_dir():
            return "dir"
        return "file" if path.is_file() else None
    except OSError:
        return None


def _open_regular(path: Path) -> int:
    """A read-only descriptor of ``path`` if it is a regular file (symlinks followed); FIFOs,
    devices, sockets and directories are refused before anything blocks on them."""
    source = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("file not found", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, expected a file", source=source)
    if not stat.S_ISREG(st.st_mode):
        raise InputError(
            "is not a regular file (a pipe, device or socket); give the path of a file",
            source=source,
        )
    try:
        # O_NONBLOCK: should the path be swapped for a FIFO after the check, open does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError("is not a regular file; give the path of a file", source=source)
    return fd


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary if it is a regular file; an :class:`InputError`
    for a missing file, a directory, a FIFO, a device or a socket (refused before anything
    blocks on it). For files read line by line (rosters); callers bound what they read.
    """
    return os.fdopen(_open_regular(path), "rb")


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    The cap holds while reading (a file that grows, or lies about its size, stops at the cap),
    and only regular files are opened: a FIFO or a link to ``/dev/zero`` is refused at once.
    """
    fd = _open_regular(path)
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputError(
                    f"file is too large (over {max_bytes / 1e6:.0f} MB, the limit); "
                    "split it, or check that it is the file you meant",
                    source=str(path),
                )
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of ``path``, or an :class:`InputError` that says what is wrong and how to fix.

    >>> read_text(Path("no/such/file.yaml"))
    Traceback (most recent call last):
    ...
    careerfit_opt.errors.InputError: no/such/file.yaml: file not found
    """
    source = str(path)
    raw = read_bytes(path, max_bytes)
    if not raw.strip():
        raise InputError("file is empty", source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            source=source,
        ) from None
    if "\x00" in text:
        raise InputError("contains NUL bytes: this is not a text file", source=source)
    return text


def file_format(path: Path) -> str:
    """``yaml``, ``toml`` or ``json`` from the file suffix."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"unknown file type {path.suffix or '(no suffix)'!r}; use .yaml, .yml, .toml or .json",
            source=str(path),
        )
    return fmt


def _yaml_node_bounds(root: yaml.Node, source: str) -> None:
    """Refuse a composed YAML document whose expansion is unbounded before anything walks it:
    an alias that contains itself, nesting deeper than :data:`MAX_DEPTH`, or aliases that
    expand it by more than :data:`MAX_ALIAS_EXPANSION` nodes ("billion laughs").

    The composed graph shares aliased nodes, so sizes are computed once per node (linear time).
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    distinct = 0
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            kids = [k for k in node.value if not isinstance(k, yaml.ScalarNode)]
            leaves = len(node.value) - len(kids)
        elif isinstance(node, yaml.MappingNode):
            kids = [n for pair in node.value for n in pair if not isinstance(n, yaml.ScalarNode)]
            leaves = 2 * len(node.value) - len(kids)
        else:
            leaves = 0
        if done:
            on_path.discard(key)
            size[key] = 1 + leaves + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=1 if leaves else 0)
            if depth[key] > MAX_DEPTH:
                raise InputError(
                    f"nested more than {MAX_DEPTH} levels deep; flatten the file", source=source
                )
            continue
        if key in size:
            continue
        if key in on_path:
            mark = node.start_mark
            raise InputError(
                f"line {mark.line + 1}: a YAML alias refers to a node that contains it "
                "(an endless structure); remove the alias",
                source=source,
            )
        distinct += 1 + leaves
        on_path.add(key)
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in size)
        for k in kids:
            if id(k) in on_path:
                mark = k.start_mark
                raise InputError(
                    f"line {mark.line + 1}: a YAML alias refers to a node that contains it "
                    "(an endless structure); remove the alias",
                    source=source,
                )
    if size[id(root)] - distinct > MAX_ALIAS_EXPANSION:
        raise InputError(
            f"YAML aliases expand the file to {size[id(root)]:,} values (more than "
            f"{MAX_ALIAS_EXPANSION:,} beyond what is written); write the values out, or use "
            "fewer aliases",
            source=source,
        )


def load_yaml_bounded(text: str, source: str) -> tuple[Any, yaml.Node | None]:
    """The data of a one-document YAML text and its composed node (for line numbers), with
    duplicate keys, self-containing aliases, deep nesting and alias bombs refused *before* the
    document is constructed. Syntax errors propagate as ``yaml.YAMLError``."""
    loader = UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        if "*" in text:  # without an alias the document is a plain tree, its size the file's
            _yaml_node_bounds(node, source)
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKeyError(key)
        out[key] = value
    return out


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def check_tree(value: Any, source: str) -> None:
    """Refuse non-finite numbers and nesting deeper than :data:`MAX_DEPTH` (iteratively, so
    no input can exhaust the stack)."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]
    while stack:
        item, where, level = stack.pop()
        if level > MAX_DEPTH:
            raise InputError(
                f"{where or 'value'}: nested more than {MAX_DEPTH} levels deep; flatten the file",
                source,
            )
        if isinstance(item, float) and not math.isfinite(item):
            raise InputError(f"{where or 'value'}: must be a finite number (got {item})", source)
        if isinstance(item, dict):
            stack.extend(
                (v, f"{where}.{k}" if where else str(k), level + 1) for k, v in item.items()
            )
        elif isinstance(item, list):
            stack.extend((v, f"{where}[{i}]", level + 1) for i, v in enumerate(item))


def _load_toml(text: str, source: str) -> Any:
    # tomllib is imported only for TOML files: it costs ~3 ms of every start otherwise.
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"invalid TOML: {exc}", source=source) from None


def parse_text(text: str, fmt: str, source: str) -> Any:
    """Parse ``text`` in format ``fmt``; syntax errors name the line where the parser can.

    Keys given twice are errors in every format (JSON parsers keep the last one silently).
    """
    try:
        if fmt == "yaml":
            data, _ = load_yaml_bounded(text, source)
        elif fmt == "toml":
            data = _load_toml(text, source)
        else:
            data = json.loads(text, object_pairs_hook=_json_pairs)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputError(f"{where}invalid YAML: {exc.problem or exc}", source=source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", source=source) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}", source=source
        ) from None
    except _DuplicateKeyError as exc:
        raise InputError(
            f"key {exc.key!r} appears twice in one object; keep one", source=source
        ) from None
    except RecursionError:
        raise InputError(
            f"nested more than {MAX_DEPTH} levels deep; flatten the file", source=source
        ) from None
    except InputError:
        raise
    except ValueError as exc:  # e.g. an integer too long for Python to read
        raise InputError(f"cannot read a value: {exc}", source=source) from None
    if data is None:
        raise InputError("file holds no data (only comments or blank lines)", source=source)
    check_tree(data, source)
    return data


def read_structured(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read a YAML, TOML or JSON file into plain Python data.

    Raises :class:`InputError` for a missing, empty, oversized, non-UTF-8 or malformed file.
    """
    fmt = file_format(path)
    return parse_text(read_text(path, max_bytes), fmt, str(path))
