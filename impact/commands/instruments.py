HELP = "list the built-in instruments: id, name, items, range, direction, reference"


def add_arguments(parser):
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args):
    from ..instruments import list_instruments
    from ._common import print_json

    rows = [inst.info() for inst in list_instruments()]
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        lo, hi = r["range"]
        rng = f"{lo:g}-{hi:g}"
        print(f"{r['id']:<9} {r['items']:>3} items  {rng:<7} {r['direction']:<17} {r['name']}")
    return 0
