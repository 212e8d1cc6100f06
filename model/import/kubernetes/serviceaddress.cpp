#include "import/kubernetes/serviceaddress.h"

#include "import/connectionurl.h"
#include "import/importsupport.h"

#include <algorithm>
#include <cctype>

namespace bulkhead::kubernetes {

namespace {

std::string_view trimmed(std::string_view text)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::vector<std::string> split(std::string_view text, char separator)
{
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

bool dnsLabel(const std::string &label)
{
    return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-'
           && std::all_of(label.begin(), label.end(), [](unsigned char c) {
                  return std::islower(c) || std::isdigit(c) || c == '-';
              });
}

/** One "host[:port]" or URL; nothing when it is not an in-cluster address. */
std::optional<ServiceAddress> oneAddress(std::string_view text, bool addressVariable)
{
    ServiceAddress address;
    std::string_view authority = text;
    if (const auto colonSlashes = text.find("://"); colonSlashes != std::string_view::npos) {
        address.scheme = lower(std::string(text.substr(0, colonSlashes)));
        if (address.scheme.empty()
            || !std::all_of(address.scheme.begin(), address.scheme.end(), [](unsigned char c) {
                   return std::islower(c) || std::isdigit(c) || c == '+' || c == '-' || c == '.';
               }))
            return std::nullopt;
        authority = text.substr(colonSlashes + 3);
        authority = authority.substr(0, authority.find_first_of("/?#"));
        // User information (and any password in it) is dropped, never read.
        if (const auto at = authority.rfind('@'); at != std::string_view::npos)
            authority.remove_prefix(at + 1);
    }
    if (authority.empty() || authority.front() == '[')
        return std::nullopt;
    std::string host(authority);
    if (const auto colon = host.rfind(':'); colon != std::string::npos) {
        const auto port = parseInteger(host.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535 || host[colon + 1] == '+')
            return std::nullopt;
        address.port = *port;
        host.erase(colon);
    }
    host = lower(host);
    if (!host.empty() && host.back() == '.')
        host.pop_back();
    const std::vector<std::string> labels = split(host, '.');
    if (!std::all_of(labels.begin(), labels.end(), dnsLabel) || host == "localhost")
        return std::nullopt;
    if (std::all_of(host.begin(), host.end(),
                    [](unsigned char c) { return std::isdigit(c) || c == '.'; }))
        return std::nullopt; // an IP address
    const bool svc = (labels.size() == 3 && labels[2] == "svc")
                     || (labels.size() == 5 && labels[2] == "svc" && labels[3] == "cluster"
                         && labels[4] == "local");
    if (labels.size() > 2 && !svc)
        return std::nullopt;
    // A bare word could be anything (MODE=frontend): it is an address only where the
    // variable's name says so, or with a port, a scheme or the cluster's DNS suffix.
    if (!svc && !address.port && address.scheme.empty() && !addressVariable)
        return std::nullopt;
    address.name = labels[0];
    if (labels.size() > 1)
        address.ns = labels[1];
    return address;
}

} // namespace

std::vector<ServiceAddress> serviceAddresses(std::string_view value, bool addressVariable)
{
    std::vector<ServiceAddress> addresses;
    const std::string_view text = trimmed(value);
    if (text.empty() || text.size() > 2048)
        return addresses;
    for (const std::string &part : split(text, ',')) {
        auto address = oneAddress(trimmed(part), addressVariable);
        if (!address)
            return {};
        if (!address->scheme.empty())
            address->tls = urlTlsSetting(text);
        addresses.push_back(std::move(*address));
    }
    return addresses;
}

bool addressVariable(std::string_view variable)
{
    static const std::vector<std::string> words{
        "ADDR",      "ADDRESS", "ADDRS",    "HOST",   "HOSTNAME", "HOSTS",
        "URL",       "URLS",    "URI",      "SERVER", "SERVERS",  "ENDPOINT",
        "ENDPOINTS", "BACKEND", "UPSTREAM", "DSN",    "BROKER",   "BROKERS"};
    std::string name(variable);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return char(std::toupper(c)); });
    for (const std::string &word : split(name, '_'))
        if (std::find(words.begin(), words.end(), word) != words.end())
            return true;
    return false;
}

std::map<std::string, std::pair<std::string, int>> configMapValues(const YamlFields &top)
{
    std::map<std::string, std::pair<std::string, int>> values;
    const YamlNode *data = top.value("data");
    if (!data || !data->isMapping())
        return values;
    for (std::size_t i = 0; i < data->entries.size(); ++i) {
        const auto &[key, value] = data->entries[i];
        if (!value.isScalar())
            continue;
        const int line = i < data->keyPositions.size() && data->keyPositions[i].first > 0
                             ? data->keyPositions[i].first
                             : value.line;
        values[key] = {value.scalar, line};
    }
    return values;
}

} // namespace bulkhead::kubernetes
