#pragma once

#include "import/connectionurl.h"
#include "import/yamlfields.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Reading Service addresses out of environment and ConfigMap values, for the inferred flows.
// Pure functions: the values they read are never kept beyond the host, port and scheme.

namespace bulkhead::kubernetes {

/** A Service as an address in a value names it, before it is looked up. */
struct ServiceAddress
{
    std::string name;
    /** Empty when the address leaves it to the caller's namespace ("name", "name:port"). */
    std::string ns;
    std::optional<std::int64_t> port;
    /** Lower case, without "://"; empty without a scheme. */
    std::string scheme;
    /** What the URL's query says about TLS (sslmode=require), read with the scheme. */
    std::optional<UrlTls> tls;
};

/**
 * The in-cluster addresses a value holds: "name", "name:port", "name.ns", "name.ns.svc",
 * "name.ns.svc.cluster.local", each with an optional port, or a URL with a scheme (user
 * information, path and query are dropped); several separated by commas. A value that is not
 * wholly addresses (a sentence, a path, a name inside a longer word) gives none, and so do IP
 * addresses, localhost and outside host names. A bare name without port or scheme counts only
 * when `addressVariable` says the variable holds an address.
 */
std::vector<ServiceAddress> serviceAddresses(std::string_view value, bool addressVariable);

/**
 * The variable's name says it holds an address: a word such as ADDR, HOST, URL, ENDPOINT or
 * SERVER in it (PAYMENT_SERVICE_ADDR, REDIS_HOST, CATALOG_URL, NAME_SERVICE_HOST).
 */
bool addressVariable(std::string_view variable);

/**
 * A ConfigMap's text values under `data` with their lines. They stay in memory, to be matched
 * against Services and compared by the credential checks, and are never copied.
 */
std::map<std::string, std::pair<std::string, int>> configMapValues(const YamlFields &top);

} // namespace bulkhead::kubernetes
