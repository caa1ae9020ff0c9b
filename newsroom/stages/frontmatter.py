"""Front matter: the YAML between the '---' lines of a content file, parsed into plain values
with each key's line, refusing what YAML allows but a press release has no use for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from newsroom.errors import ContentError


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's when present: 7x faster) that leaves dates as strings,
    so we parse and report them ourselves."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _NestedFrontMatterLoader(yaml.SafeLoader):
    """The pure-Python loader, for text that may nest deeply: libyaml composes recursively in C
    and would crash the process (SIGSEGV) on `[[[[…` twenty thousand deep, where Python raises."""

    yaml_implicit_resolvers = _FrontMatterLoader.yaml_implicit_resolvers


def _loader_for(front: str) -> yaml.SafeLoader:
    """libyaml for front matter as people write it; Python's loader when it could nest deeply."""
    openers = front.count("[") + front.count("{") + front.count("-") + front.count("?")
    return (_NestedFrontMatterLoader if openers > 1000 else _FrontMatterLoader)(front)


def split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (yaml text, body, first body line); the file must open with '---'."""
    if not text.strip():
        raise ContentError(path, 1, "file is empty; a release needs front matter with a title and a date")
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ContentError(path, 1, "front matter missing: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            rest = "\n".join(lines[index + 1:])
            body = rest.lstrip("\n")
            return "\n".join(lines[1:index]), body.rstrip("\n"), index + 2 + len(rest) - len(body)
    raise ContentError(path, 1, "front matter is not closed: add a '---' line after it")


def parse_front_matter(front: str, path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Parse YAML and remember each key's line in the file (front matter starts on line 2)."""
    try:
        loader = _loader_for(front)
    except yaml.reader.ReaderError as exc:  # checked before parsing: say which line, not "position"
        raise ContentError(path, front[: exc.position].count("\n") + 2, "front matter contains a "
                           f"control character (#x{exc.character:04x}); remove it") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(path, node.start_mark.line + 2,
                               "front matter must be 'key: value' lines")
        lines: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                raise ContentError(path, key_node.start_mark.line + 2,
                                   "front matter keys must be names like 'title', not lists, "
                                   "numbers, true/false or ~")
            key = key_node.value
            if key in lines:
                raise ContentError(path, key_node.start_mark.line + 2,
                                   f"'{key}' is set twice (first on line {lines[key]})")
            lines[str(key)] = key_node.start_mark.line + 2
        for key_node, value_node in node.value:
            item_lines(str(key_node.value), value_node, lines)
        refuse_expansions(node, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 2
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(path, line, f"front matter is not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise ContentError(path, 2, f"front matter is not valid YAML: {exc}") from None
    except RecursionError:
        # PyYAML composes nested lists recursively; `[[[[…` a million deep must not crash us.
        raise ContentError(path, 2, "front matter is nested too deeply to be a release") from None
    finally:
        loader.dispose()
    return data, lines


def item_lines(key: str, node: yaml.Node, lines: dict[str, int]) -> None:
    """The line of each item of a list (`key.0`) and each key of a mapping (`key.alt`), two
    levels deep: an error about one attachment names its own line, not the list's."""
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"{key}.{index}"] = item.start_mark.line + 2
            if isinstance(item, yaml.MappingNode):
                item_lines(f"{key}.{index}", item, lines)
    elif isinstance(node, yaml.MappingNode):
        for sub_key, _ in node.value:
            if isinstance(sub_key, yaml.ScalarNode):
                lines.setdefault(f"{key}.{sub_key.value}", sub_key.start_mark.line + 2)


NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
LONGEST_NUMBER = 64  # characters: longer than any date, count or price a release holds


def refuse_expansions(root: yaml.Node, path: Path) -> None:
    """Refuse, before any value is made, what turns a few bytes into unbounded work: an alias
    (`*name`) repeats a value without its text, so 500 bytes of them expand to gigabytes once a
    value becomes text; and YAML reads a long number (`1:2:3:…` in base 60, ten thousand digits)
    in time quadratic in its length. Front matter has no use for either."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # the composer hands an alias back as the very node it names
            raise ContentError(path, node.start_mark.line + 2, "a YAML alias (*name) repeats the value "
                               "anchored (&name) here: front matter has no aliases; write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag in NUMBERS and len(node.value) > LONGEST_NUMBER:
                raise ContentError(path, node.start_mark.line + 2, f"a number of {len(node.value):,} "
                                   "characters: quote it if it is text")
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
