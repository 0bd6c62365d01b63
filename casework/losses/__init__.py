"""Lost or mislaid files, documents and devices (§15.1, §16).

The reports' models stay in access (access.losses.models, access's migrations: their tables are
access_lossreport and so on), but the rules and pages live here: naming the affected children, who
may see them and which managers to tell all need casework's children and allocations, and access
may not import casework.
"""
