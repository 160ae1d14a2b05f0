# Mizan for Varnish 7 with varnish-modules' xkey (PROTOCOL §8, docs/edge.md).
#
# Include it from your main VCL after declaring the backend and the hosts
# allowed to purge:
#
#   vcl 4.1;
#   backend default { .host = "127.0.0.1"; .port = "3000"; }
#   acl mizan_purgers { "127.0.0.1"; "10.0.0.0"/8; }
#   include "mizan.vcl";
#
# What it does:
# - PURGE with an `xkey-purge` (or `xkey-softpurge`) header of
#   space-separated tags, from an address in `mizan_purgers`: removes every
#   object carrying one of the tags (403 from anywhere else). This is what
#   mizan/edge's varnishPurger sends.
# - Caches what the origin tags: a response with an `xkey` header is public
#   and does not depend on the caller (a psr context read, a public page
#   route), so it is looked up and stored whatever Cookie or Authorization
#   the request carries. Its lifetime is Surrogate-Control's max-age when
#   given, else s-maxage.
# - Passes everything else that depends on the caller: a request with a
#   Cookie or Authorization is answered from the cache only with a tagged
#   object, and an untagged answer to it is never stored (user-scoped
#   contexts are `private` at the origin as well).
# - Gzips JSON answers over 1 KiB (the origin sends them plain) for the
#   clients that accept it.
# - Removes `xkey` and Surrogate-Control from what clients see; adds
#   `X-Cache: HIT` or `MISS`.

import xkey;
import std;

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ mizan_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (synth(400, "PURGE needs an xkey-purge or xkey-softpurge header"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A request with credentials is looked up too; vcl_hit and
    # vcl_backend_response keep it away from anything but tagged objects.
    # (It still waits behind a fetch of the same URL in progress: skipping
    # busy objects would make every such request in a public object's grace
    # start a background fetch of its own.)
    if (req.http.Cookie || req.http.Authorization) {
        return (hash);
    }
}

sub vcl_hit {
    if ((req.http.Cookie || req.http.Authorization) && !obj.http.xkey) {
        return (pass);
    }
}

sub vcl_backend_response {
    # JSON compresses well and the origin sends it plain: Varnish gzips it
    # (past 1 KiB), stores it so, and answers each client as it accepts.
    if (beresp.http.Content-Type ~ "^application/json" && !beresp.http.Content-Encoding
        && std.integer(beresp.http.Content-Length, 0) > 1024) {
        set beresp.do_gzip = true;
    }
    if (beresp.http.xkey) {
        if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
            set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), beresp.ttl);
        }
        if (beresp.http.Surrogate-Control ~ "stale-while-revalidate=[0-9]+") {
            set beresp.grace = std.duration(regsub(beresp.http.Surrogate-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), beresp.grace);
        }
    } else if (bereq.http.Cookie || bereq.http.Authorization) {
        # Depends on the caller: never stored, and not looked up again for a while.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
}
