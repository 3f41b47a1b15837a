"""Two prefork nodes on one database: both serve, a user's session and the
rights Odoo caches in each process follow the user from one node to the other
(nothing our users rely on lives in one process's memory)."""
import socket

import requests

from load import rpc

from .common import admin_env, session


def test_both_nodes_serve_with_prefork_workers(cluster):
    for node in cluster.nodes:
        children = node._children()
        long_polling = [child for child in children if "gevent" in child.cmdline()]
        # HTTP workers, plus the cron worker on the first node, plus long-polling
        assert len(children) == node.workers + (1 if node.cron else 0) + 1, children
        assert len(long_polling) == 1
        socket.create_connection(("127.0.0.1", node.longpolling_port), timeout=5).close()
        seller = session(cluster, cluster.nodes.index(node), "seller01")
        assert seller.call("res.users", "read", [seller.uid], ["login"])[0]["login"] == "seller01"
        log = node.log_text()
        assert "Exception occured" not in log, log[-2000:]
        assert "cannot be interpreted as an integer" not in log, log[-2000:]


def test_a_session_opened_on_one_node_works_on_the_other(cluster):
    first = session(cluster, 0, "seller02")
    other = rpc.WebSession(cluster.nodes[1].url, cluster.database, session=requests.Session())
    other.http.cookies.update(first.http.cookies)
    info = other.post("/web/session/get_session_info", {})
    assert info["uid"] == first.uid and info["username"] == "seller02"


def test_rights_granted_on_one_node_apply_on_the_other_at_once(cluster):
    """Odoo caches group membership per process; the change made through node 1
    reaches node 2's workers through PostgreSQL (cache signaling)."""
    group = "cloudoffice_lots.group_sell_unsellable_lots"
    seller = session(cluster, 1, "seller03")
    # every worker of node 2 has answered (and cached) "no"
    assert not any(seller.call("res.users", "has_group", group) for _ in range(6))
    with admin_env(cluster.database) as env:
        group_id = env.ref(group).id
    admin_ws = rpc.WebSession(cluster.nodes[0].url, cluster.database).login("admin", "admin")
    admin_ws.call("res.users", "write", [seller.uid], {"groups_id": [(4, group_id)]})
    assert all(seller.call("res.users", "has_group", group) for _ in range(6))
