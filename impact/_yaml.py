"""Safe YAML with limits: the one loader for protocols, instrument files and codebooks.

``yaml.SafeLoader`` builds no objects, but a small file can still exhaust memory or the stack:

* an *alias bomb* ("billion laughs"): ten anchors that each repeat the previous one nine times
  expand to 10^9 nodes once anything walks the result;
* deep nesting (``[[[[...]]]]``) overflows the recursion of the composer.

:func:`safe_load_limited` composes the node graph first, refuses nesting deeper than
``MAX_DEPTH`` and a graph whose *expanded* size (every alias counted as a copy) exceeds
``MAX_NODES``, and only then constructs Python objects. Keys given twice in one mapping are an
error (the second would silently win). The file size is checked by the caller
(:data:`MAX_YAML_BYTES`).
"""

from __future__ import annotations

__all__ = ["safe_load_limited", "MAX_DEPTH", "MAX_NODES", "MAX_YAML_BYTES", "YamlLimitError"]

MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_YAML_BYTES = 1_000_000


class YamlLimitError(ValueError):
    """The document breaks a size limit; ``line`` is 1-based where known."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.line = line


def _loader(unique_keys: bool):
    import yaml

    class LimitedSafeLoader(yaml.SafeLoader):
        _depth = 0

        def compose_node(self, parent, index):
            self._depth += 1
            try:
                if self._depth > MAX_DEPTH:
                    mark = self.peek_event().start_mark
                    raise YamlLimitError(f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

        def construct_mapping(self, node, deep=False):
            if unique_keys and isinstance(node, yaml.MappingNode):
                seen = {}
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    try:
                        hash(key)
                    except TypeError:
                        break  # unhashable keys: the base class reports them
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"key '{key}' is given twice (first on line {seen[key]})",
                            key_node.start_mark)
                    seen[key] = key_node.start_mark.line + 1
            return super().construct_mapping(node, deep=deep)

    return LimitedSafeLoader


def expanded_size(node, limit: int = MAX_NODES) -> int:
    """Number of nodes when every alias is expanded, counted with memoisation (linear time)."""
    import yaml

    memo: dict[int, int] = {}
    stack = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if key in memo and not done:
            continue
        if isinstance(current, yaml.ScalarNode):
            memo[key] = 1
            continue
        children = ([v for pair in current.value for v in pair]
                    if isinstance(current, yaml.MappingNode) else list(current.value))
        if done:
            total = 1 + sum(memo.get(id(c), 0) for c in children)
            memo[key] = min(total, limit + 1)  # saturate: the exact size beyond the limit is moot
            continue
        memo[key] = 0  # a cycle (recursive alias) counts as nothing more on the way back
        stack.append((current, True))
        stack.extend((c, False) for c in children if id(c) not in memo)
    return memo[id(node)]


def safe_load_limited(text: str, *, unique_keys: bool = True):
    """``yaml.safe_load`` with depth, expansion and duplicate-key limits.

    Raises
    ------
    YamlLimitError
        Nesting deeper than :data:`MAX_DEPTH`, or more than :data:`MAX_NODES` nodes once
        aliases are expanded.
    yaml.YAMLError
        Invalid YAML, object tags, a key given twice.
    """
    loader = _loader(unique_keys)(text)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YamlLimitError(f"nesting deeper than {MAX_DEPTH} levels") from None
        if node is None:
            return None
        size = expanded_size(node)
        if size > MAX_NODES:
            raise YamlLimitError(f"more than {MAX_NODES:,} values once its aliases (*anchor "
                                 f"references) are expanded; write the values out or use fewer "
                                 f"aliases", node.start_mark.line + 1)
        return loader.construct_document(node)
    finally:
        loader.dispose()
