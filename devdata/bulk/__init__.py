"""Large synthetic data for performance work: ``manage.py seed_bulk``.

The tree has the shape of local government after the 2025 reorganisation: no
district level, 34 province-level councils ("HĐND tỉnh/thành phố Bulk NN", codes
``bulk-pNN``, fewer for small runs) and N ward/commune councils ("HĐND xã/phường
Bulk NNNN", ``bulk-cNNNN``) spread unevenly over them; ``bulk-p01`` gets 100–130
wards when N allows, as the benchmark's "province with about a hundred wards".

There is no national root. The app has no national level (a People's Council exists
at province, district and commune level only), and a "national" council at province
level above the provinces would break the rule that a parent sits higher than its
child. Valid data comes first: the national roll-up is all the ``bulk-p`` roots.

- ``plan``, ``plan_emulation``, ``plan_work``: the deterministic plan (tree, volumes,
  dates, points; the deputies' work: attendance, votes, reception, voters' petitions);
- ``vocab``: the words it is made of;
- ``build``, ``work``, ``emulation``: the insertion phases, a province per transaction;
- ``writer``: bulk inserts and deletes that write audit history too;
- ``remove``: deleting an earlier run (``--replace``).
"""
