#include "connectionurl.h"

#include "importsupport.h"

#include <algorithm>
#include <map>

namespace bulkhead {

std::optional<UrlScheme> urlScheme(std::string_view scheme)
{
    using S = UrlScheme;
    // "toQuery": the scheme leaves encryption to the query or does not say; "none": no
    // protocol of the flow schema names it.
    const std::optional<std::string> yes("yes");
    const std::optional<std::string> no("no");
    const std::optional<std::string> toQuery;
    const std::optional<std::string> none;
    auto proto = [](const char *name) { return std::optional<std::string>(name); };
    static const std::map<std::string, UrlScheme, std::less<>> schemes{
        {"amqp", S{proto("amqp"), no, 5672}},
        {"amqps", S{proto("amqp"), yes, 5671}},
        {"grpc", S{proto("grpc"), no, std::nullopt}},
        {"grpcs", S{proto("grpcTls"), yes, std::nullopt}},
        {"http", S{proto("http"), no, 80}},
        {"https", S{proto("https"), yes, 443}},
        {"kafka", S{proto("kafka"), toQuery, 9092}},
        {"ldap", S{none, no, 389}},
        {"ldaps", S{none, yes, 636}},
        {"mariadb", S{proto("mysql"), toQuery, 3306}},
        {"memcached", S{none, toQuery, 11211}},
        {"mongodb", S{none, toQuery, 27017}},
        {"mqtt", S{none, no, 1883}},
        {"mqtts", S{none, yes, 8883}},
        {"mysql", S{proto("mysql"), toQuery, 3306}},
        {"nats", S{none, toQuery, 4222}},
        {"postgres", S{proto("postgres"), toQuery, 5432}},
        {"postgresql", S{proto("postgres"), toQuery, 5432}},
        {"redis", S{proto("redis"), no, 6379}},
        {"rediss", S{proto("redis"), yes, 6379}},
        {"ssh", S{proto("ssh"), yes, 22}},
        {"tcp", S{proto("tcp"), toQuery, std::nullopt}},
        {"tls", S{proto("tls"), yes, std::nullopt}},
        {"udp", S{proto("udp"), toQuery, std::nullopt}},
        {"ws", S{proto("http"), no, 80}},
        {"wss", S{proto("https"), yes, 443}}};
    const auto it = schemes.find(scheme);
    return it == schemes.end() ? std::nullopt : std::optional<UrlScheme>(it->second);
}

namespace {

/** Whether a parameter's value turns TLS on (required), leaves it off or only tries it. */
std::optional<bool> tlsRequiredBy(const std::string &key, const std::string &value)
{
    if (key == "sslmode" || key == "ssl-mode" || key == "ssl_mode") {
        // libpq's modes and MySQL's (lower case): only these refuse a plain connection.
        static const std::map<std::string, bool> modes{
            {"require", true},   {"verify-ca", true}, {"verify-full", true},
            {"required", true},  {"verify_ca", true}, {"verify_identity", true},
            {"disable", false},  {"allow", false},    {"prefer", false},
            {"disabled", false}, {"preferred", false}};
        const auto it = modes.find(value);
        return it == modes.end() ? std::nullopt : std::optional<bool>(it->second);
    }
    if (key == "ssl" || key == "tls") {
        if (value == "true" || value == "1")
            return true;
        if (value == "false" || value == "0")
            return false;
    }
    return std::nullopt;
}

} // namespace

std::optional<UrlTls> urlTlsSetting(std::string_view url)
{
    const auto question = url.find('?');
    if (question == std::string_view::npos)
        return std::nullopt;
    std::string_view query = url.substr(question + 1);
    query = query.substr(0, query.find('#'));
    std::optional<UrlTls> found;
    while (!query.empty()) {
        const std::string_view pair = query.substr(0, query.find('&'));
        query.remove_prefix(std::min(query.size(), pair.size() + 1));
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos)
            continue;
        const std::string key = lower(std::string(pair.substr(0, equals)));
        const std::string value = lower(std::string(pair.substr(equals + 1)));
        const std::optional<bool> required = tlsRequiredBy(key, value);
        if (!required)
            continue;
        UrlTls setting{*required ? "yes" : "no", key + "=" + value};
        // Two parameters that disagree (ssl=true&sslmode=disable) leave it open.
        if (found && found->encrypted != setting.encrypted)
            return std::nullopt;
        if (!found)
            found = std::move(setting);
    }
    return found;
}

} // namespace bulkhead
