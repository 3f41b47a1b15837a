"""Opcode whitelist of ``odoo.tools.safe_eval`` for CPython 3.7-3.11.

Security-sensitive. Each opcode added here is one that a newer CPython emits
for a construct Odoo 11's 3.6 whitelist already accepted under another
opcode; nothing that 3.6's list refused becomes possible. In particular
``IMPORT_NAME``, ``STORE_ATTR``, ``DELETE_ATTR``, ``LOAD_CLOSURE``/``LOAD_DEREF``,
``BEFORE_WITH`` and unpacking assignments (``UNPACK_EX``) stay refused, as they
were.
"""
from opcode import opmap

# Stack shuffles and no-ops replacing ROT_*/DUP_TOP*; literal-building
# replacements (3.9 builds [1, 2] as BUILD_LIST + LIST_EXTEND of a tuple).
CONST_ADDITIONS = (
    "RESUME", "NOP", "CACHE", "COPY", "SWAP",
    "LIST_EXTEND", "SET_UPDATE", "DICT_UPDATE", "LIST_TO_TUPLE",
)
# BINARY_OP replaces every BINARY_*/INPLACE_* (all allowed on 3.6);
# IS_OP/CONTAINS_OP replace COMPARE_OP's 'is'/'in'; DICT_MERGE replaces the
# mapping handling of f(**kw), which CALL_FUNCTION_EX already allowed.
# 3.11 compiles "'%s-%s' % (a, b)" (BINARY_MODULO on 3.6) to FORMAT_VALUE +
# BUILD_STRING. That also admits f-strings, which are no wider: attribute
# access inside them is a LOAD_ATTR checked for dunder names like any other.
EXPR_ADDITIONS = ("BINARY_OP", "IS_OP", "CONTAINS_OP", "DICT_MERGE",
                  "FORMAT_VALUE", "BUILD_STRING")
# Calls (CALL_FUNCTION*/CALL_METHOD), jumps (POP_JUMP_IF_*/JUMP_ABSOLUTE),
# generator set-up and try/except bookkeeping (SETUP_EXCEPT/END_FINALLY),
# and the AssertionError load of `assert` (was LOAD_GLOBAL).
SAFE_ADDITIONS = (
    "PUSH_NULL", "PRECALL", "CALL", "KW_NAMES",
    "POP_JUMP_FORWARD_IF_FALSE", "POP_JUMP_FORWARD_IF_TRUE",
    "POP_JUMP_FORWARD_IF_NONE", "POP_JUMP_FORWARD_IF_NOT_NONE",
    "POP_JUMP_BACKWARD_IF_FALSE", "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_NONE", "POP_JUMP_BACKWARD_IF_NOT_NONE",
    "POP_JUMP_IF_FALSE", "POP_JUMP_IF_TRUE",
    "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT", "JUMP_IF_NOT_EXC_MATCH",
    "GEN_START", "RETURN_GENERATOR",
    "PUSH_EXC_INFO", "CHECK_EXC_MATCH", "RERAISE",
    "LOAD_ASSERTION_ERROR",
)


def _codes(names):
    return {opmap[name] for name in names if name in opmap}


def widen_whitelists(safe_eval_module):
    """Add the newer opcodes in place (``ir_qweb`` holds a reference to the set)."""
    const = _codes(CONST_ADDITIONS)
    expr = const | _codes(EXPR_ADDITIONS)
    safe = expr | _codes(SAFE_ADDITIONS)
    safe_eval_module._CONST_OPCODES.update(const)
    safe_eval_module._EXPR_OPCODES.update(expr)
    safe_eval_module._SAFE_OPCODES.update(safe)
