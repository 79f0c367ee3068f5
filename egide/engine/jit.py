"""`compiled`: numba's `njit(cache=True)`, with kernels loaded from the cache at a fraction of the
cost.

Loading a cached kernel is cheap (its machine code is on disk), but numba first "refreshes" its
compiler: it imports and registers every implementation it could ever need to *compile* (typed
dicts and lists, linear algebra, random generators, polynomials, jitclass, ...): about 0.25 CPU
second, a tenth of a whole replay. Cached code needs none of it, only numba's runtime (NRT: the
allocator and reference counts the machine code calls), so our kernels' cache initialises that
alone. When a kernel is not in the cache (a fresh checkout, a changed source) numba compiles it
and, compiling, refreshes everything as usual (`numba.core.compiler.CompilerBase`).

Written for numba 0.68 (pinned in pyproject.toml); if its cache class lacks what this relies on,
kernels load the ordinary way.
"""

import numba
from numba.core.caching import FunctionCache
from numba.core.runtime import rtsys


class _CachedKernel(FunctionCache):
    def load_overload(self, sig, target_context):
        rtsys.initialize(target_context)
        with self._guard_against_spurious_io_errors():
            return self._load_overload(sig, target_context)


_QUICK = all(
    callable(getattr(FunctionCache, name, None))
    for name in ("load_overload", "_load_overload", "_guard_against_spurious_io_errors")
)


def compiled(function=None, **options):
    """`@compiled` or `@compiled(inline="always")`: a numba kernel cached on disk."""

    def decorate(function):
        dispatcher = numba.njit(cache=True, **options)(function)
        # (Under NUMBA_DISABLE_JIT, njit gives back the plain function: nothing to load.)
        if _QUICK and type(getattr(dispatcher, "_cache", None)) is FunctionCache:
            dispatcher._cache.__class__ = _CachedKernel
        return dispatcher

    return decorate if function is None else decorate(function)
