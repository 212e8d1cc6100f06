#include "import/compose/composeflowinference.h"
#include "import/compose/composehostmention.h"
#include "import/connectionurl.h"
#include "import/wellknownimages.h"

#include "import/compose/composeports.h"
#include "import/portprotocol.h"
#include "import/importsupport.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <utility>

namespace bulkhead {

namespace {

std::string trimmed(const std::string &text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/** Whether the variable's name says its value is where something is: DB_HOST, API_URL… */
bool namedLikeAHost(const std::string &variable)
{
    static const char *const suffixes[] = {"_HOST",    "_HOSTS",   "_HOSTNAME", "_ADDR",
                                           "_ADDRESS", "_SERVER",  "_SERVERS",  "_URL",
                                           "_URI",     "_ENDPOINT"};
    std::string upper = variable;
    for (char &c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return std::any_of(std::begin(suffixes), std::end(suffixes), [&](std::string_view suffix) {
        return upper.ends_with(suffix) || upper == suffix.substr(1);
    });
}

/** `host` or `host:port`, where host could be a service's name or alias; else nothing. */
std::optional<HostReference> readHostAndPort(const std::string &written)
{
    const std::string item = trimmed(written);
    const std::vector<std::string> parts = splitOn(item, ':');
    if (item.empty() || parts.size() > 2)
        return std::nullopt;
    const std::string &host = parts[0];
    const bool validHost = !host.empty() && std::isalnum(static_cast<unsigned char>(host[0]))
                           && std::all_of(host.begin(), host.end(), [](char c) {
                                  return std::isalnum(static_cast<unsigned char>(c)) || c == '.'
                                         || c == '-' || c == '_';
                              });
    if (!validHost)
        return std::nullopt;
    HostReference reference;
    reference.host = lower(host);
    if (parts.size() == 2) {
        reference.port = portDigits(parts[1]);
        if (!reference.port || *reference.port < 1 || *reference.port > 65535)
            return std::nullopt;
    }
    return reference;
}

/** The hosts of a URL's authority: `scheme://[user[:password]@]host[:port][,host[:port]…]`. */
std::vector<HostReference> hostsOfUrl(const std::string &value, std::size_t separator)
{
    // "jdbc:postgresql://…": the scheme is the last part before "://".
    std::string scheme = value.substr(0, separator);
    scheme = lower(
        scheme.substr(scheme.rfind(':') == std::string::npos ? 0 : scheme.rfind(':') + 1));
    const bool validScheme = !scheme.empty()
                             && std::all_of(scheme.begin(), scheme.end(), [](char c) {
                                    return std::isalnum(static_cast<unsigned char>(c)) || c == '+'
                                           || c == '.' || c == '-';
                                });
    if (!validScheme)
        return {};
    std::string authority = value.substr(separator + 3);
    authority = authority.substr(0, authority.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string::npos)
        authority = authority.substr(at + 1);
    const std::optional<UrlScheme> known = urlScheme(scheme);
    const std::optional<UrlTls> tls = urlTlsSetting(value);
    std::vector<HostReference> hosts;
    for (const std::string &item : splitOn(authority, ',')) {
        std::optional<HostReference> host = readHostAndPort(item);
        if (!host)
            continue;
        if (known) {
            host->scheme = scheme;
            if (!host->port && known->defaultPort)
                host->port = *known->defaultPort;
            host->tls = tls;
        }
        hosts.push_back(std::move(*host));
    }
    return hosts;
}

/** The node naming `name` in a depends_on or links value, or nullptr when it does not. */
const YamlNode *namingNode(const YamlNode *list, const std::string &name)
{
    if (!list)
        return nullptr;
    if (list->isMapping())
        return list->find(name) ? list : nullptr;
    if (list->isScalar())
        return list->scalar.substr(0, list->scalar.find(':')) == name ? list : nullptr;
    for (const YamlNode &item : list->items)
        if (item.isScalar() && item.scalar.substr(0, item.scalar.find(':')) == name)
            return &item;
    return nullptr;
}

/** The value of NAME_PORT beside NAME_HOST (or _ADDR, _SERVER…) when it is a port number. */
std::optional<std::pair<long, std::string>>
companionPort(const std::vector<EnvironmentSetting> &environment, const std::string &variable)
{
    const auto underscore = variable.rfind('_');
    if (underscore == std::string::npos)
        return std::nullopt;
    const std::string portVariable = variable.substr(0, underscore) + "_PORT";
    for (const EnvironmentSetting &setting : environment) {
        if (setting.name != portVariable || !setting.value)
            continue;
        const std::optional<long> port = portDigits(trimmed(*setting.value));
        if (port && *port >= 1 && *port <= 65535)
            return std::make_pair(*port, portVariable);
    }
    return std::nullopt;
}

} // namespace

std::vector<HostReference> hostsNamedBy(const std::string &variable, const std::string &value)
{
    const std::string text = trimmed(value);
    if (const auto separator = text.find("://"); separator != std::string::npos)
        return hostsOfUrl(text, separator);
    if (!namedLikeAHost(variable))
        return {};
    std::vector<HostReference> hosts;
    for (const std::string &item : splitOn(text, ','))
        if (std::optional<HostReference> host = readHostAndPort(item))
            hosts.push_back(std::move(*host));
    return hosts;
}

void ComposeFlowInference::Calls::add(std::size_t callee, Reason reason)
{
    std::vector<Reason> &list = reasons[callee];
    if (list.empty())
        callees.push_back(callee);
    list.push_back(std::move(reason));
}

void ComposeFlowInference::addFlows(const std::vector<ComposeService> &services)
{
    m_services = &services;
    for (std::size_t i = 0; i < services.size(); ++i) {
        m_byName.emplace(services[i].name, i);
        m_byLowerName.emplace(lower(services[i].name), i);
    }
    indexAliases();
    for (std::size_t caller = 0; caller < services.size(); ++caller) {
        Calls calls;
        addDependencies(caller, calls);
        addEnvironment(caller, calls);
        for (const std::size_t callee : calls.callees)
            emit(caller, callee, calls.reasons[callee]);
    }
}

void ComposeFlowInference::indexAliases()
{
    const std::vector<ComposeService> &services = *m_services;
    for (std::size_t i = 0; i < services.size(); ++i) {
        const YamlNode &node = *services[i].node;
        if (const YamlNode *networks = node.find("networks"); networks && networks->isMapping()) {
            for (const auto &[network, settings] : networks->entries) {
                const YamlNode *aliases = settings.isMapping() ? settings.find("aliases") : nullptr;
                if (!aliases || !aliases->isSequence())
                    continue;
                for (const YamlNode &alias : aliases->items)
                    if (alias.isScalar())
                        m_aliases[network].emplace(lower(alias.scalar), i);
            }
        }
        if (const YamlNode *links = node.find("links"); links && links->isSequence()) {
            for (const YamlNode &link : links->items) {
                const auto colon = link.isScalar() ? link.scalar.find(':') : std::string::npos;
                const auto target = colon == std::string::npos
                                        ? m_byName.end()
                                        : m_byName.find(link.scalar.substr(0, colon));
                if (target != m_byName.end())
                    m_linkAliases[i].emplace(lower(link.scalar.substr(colon + 1)), target->second);
            }
        }
    }
}

void ComposeFlowInference::addDependencies(std::size_t caller, Calls &calls)
{
    const ComposeService &service = (*m_services)[caller];
    std::set<std::string> seen;
    for (const std::string &dependency : service.dependencies) {
        if (!seen.insert(dependency).second)
            continue;
        const auto target = m_byName.find(dependency);
        if (target == m_byName.end()) {
            m_input.skipped(*service.node, "service " + service.name + " depends on "
                                               + m_input.shownName(dependency)
                                               + ", which no file defines");
            continue;
        }
        Reason reason;
        for (const char *key : {"depends_on", "links"}) {
            if (const YamlNode *at = namingNode(service.node->find(key), dependency)) {
                reason.note = "Declared in " + std::string(key) + " at " + m_input.where(*at) + ".";
                // A link names the other service as a host the caller reaches; depends_on only
                // orders the start.
                if (std::string_view(key) == "depends_on")
                    reason.startOrderAt = at;
                break;
            }
        }
        if (reason.startOrderAt)
            noteHostMention(service, dependency, reason);
        calls.add(target->second, std::move(reason));
    }
}

void ComposeFlowInference::noteHostMention(const ComposeService &service,
                                           const std::string &dependency, Reason &reason)
{
    // Configuration text (a PHP define('WP_REDIS_HOST', 'redis') in WORDPRESS_CONFIG_EXTRA)
    // can point at the service though no variable is named like a host.
    const EnvironmentSetting *mention = settingMentioningHost(service.environment, dependency);
    if (!mention)
        return;
    reason.startOrderAt = nullptr;
    const std::string variable = "the environment variable " + m_input.shownName(mention->name)
                                 + (mention->envFile.empty()
                                        ? std::string()
                                        : " from env_file " + mention->envFile);
    reason.note += " The value of " + variable + " at " + m_input.where(*mention->at)
                   + " names it as a host.";
    m_input.mapped(*mention->at, "service " + service.name + " → " + dependency
                                     + ": depends_on, and " + variable
                                     + " names the service as a host in its value: a connection, "
                                       "not only a start order");
}

void ComposeFlowInference::addEnvironment(std::size_t caller, Calls &calls)
{
    const ComposeService &service = (*m_services)[caller];
    // The environment key wins over env_file for a name both set, as in Compose.
    std::set<std::string> setDirectly;
    for (const EnvironmentSetting &setting : service.environment)
        if (setting.envFile.empty())
            setDirectly.insert(setting.name);
    for (const EnvironmentSetting &setting : service.environment) {
        if (!setting.value || (!setting.envFile.empty() && setDirectly.count(setting.name)))
            continue;
        for (const HostReference &host : hostsNamedBy(setting.name, *setting.value)) {
            std::string how;
            const std::optional<std::size_t> callee = resolve(caller, host.host, how);
            if (!callee)
                continue;
            Reason reason;
            reason.port = host.port;
            std::string portNote;
            if (!reason.port) {
                if (const auto companion = companionPort(service.environment, setting.name)) {
                    reason.port = companion->first;
                    portNote = " (from " + m_input.shownName(companion->second) + ")";
                }
            }
            std::string scheme;
            if (const std::optional<UrlScheme> facts = urlScheme(host.scheme)) {
                reason.protocol = facts->protocol.value_or("");
                reason.encrypted = facts->encrypted.value_or("");
                scheme = ", in a " + host.scheme + ":// URL";
                // The query decides only what the scheme leaves open: http://…?ssl=true is
                // still plain HTTP.
                if (!facts->encrypted && host.tls) {
                    reason.encrypted = host.tls->encrypted;
                    scheme += " with " + host.tls->parameter
                              + (host.tls->encrypted == "yes" ? " (TLS required)"
                                                              : " (TLS not enforced)");
                }
            }
            const std::string variable = "the environment variable "
                                         + m_input.shownName(setting.name)
                                         + (setting.envFile.empty()
                                                ? std::string()
                                                : " from env_file " + setting.envFile);
            const std::string names = "names service " + (*m_services)[*callee].name + how
                                      + (reason.port ? ", port " + std::to_string(*reason.port)
                                                     : std::string())
                                      + portNote + scheme;
            reason.note = "Inferred from " + variable + " at " + m_input.where(*setting.at)
                          + ": it " + names + ".";
            m_input.mapped(*setting.at, "service " + service.name + " → "
                                            + (*m_services)[*callee].name + ": flow inferred from "
                                            + variable + ", which " + names);
            calls.add(*callee, std::move(reason));
        }
    }
}

std::optional<std::size_t>
ComposeFlowInference::resolve(std::size_t caller, const std::string &host, std::string &how) const
{
    const std::vector<ComposeService> &services = *m_services;
    if (const auto named = m_byLowerName.find(host); named != m_byLowerName.end()) {
        how.clear();
        return named->second != caller ? std::optional<std::size_t>(named->second) : std::nullopt;
    }
    if (const auto links = m_linkAliases.find(caller); links != m_linkAliases.end()) {
        if (const auto linked = links->second.find(host); linked != links->second.end()) {
            how = " by the name its links entry gives it";
            return linked->second;
        }
    }
    // An alias answers only on its network: the caller must be on it too (or share the
    // network namespace of a service that is).
    const ComposeService *placed = &services[caller];
    if (placed->networkMode.starts_with("service:"))
        if (const auto other = m_byName.find(placed->networkMode.substr(8));
            other != m_byName.end())
            placed = &services[other->second];
    for (const std::string &network : placed->networks) {
        const auto aliases = m_aliases.find(network);
        if (aliases == m_aliases.end())
            continue;
        if (const auto aliased = aliases->second.find(host);
            aliased != aliases->second.end() && aliased->second != caller) {
            how = " by its alias on network " + m_input.shownName(network);
            return aliased->second;
        }
    }
    return std::nullopt;
}

void ComposeFlowInference::emit(std::size_t caller, std::size_t callee,
                                const std::vector<Reason> &reasons)
{
    const ComposeService &from = (*m_services)[caller];
    const ComposeService &to = (*m_services)[callee];
    // One flow per port the reasons give; a reason without a port joins the first of them.
    std::vector<long> ports;
    for (const Reason &reason : reasons)
        if (reason.port && std::find(ports.begin(), ports.end(), *reason.port) == ports.end())
            ports.push_back(*reason.port);
    if (ports.empty())
        ports.push_back(0);
    for (const long groupPort : ports) {
        std::vector<const Reason *> group;
        for (const Reason &reason : reasons)
            if (reason.port.value_or(ports.front()) == groupPort)
                group.push_back(&reason);
        // Without a port from any reason, the callee's only port is the one called.
        const long port = groupPort > 0            ? groupPort
                          : to.exposed.size() == 1 ? to.exposed.front()
                          : to.ports.size() == 1   ? to.ports.front().containerPort
                                                   : 0;
        std::string protocol;
        std::set<std::string> encrypted;
        std::string notes;
        const bool startOrderOnly = std::all_of(
            group.begin(), group.end(), [](const Reason *r) { return r->startOrderAt != nullptr; });
        for (const Reason *reason : group) {
            if (protocol.empty())
                protocol = reason->protocol;
            if (!reason->encrypted.empty())
                encrypted.insert(reason->encrypted);
            if (!reason->note.empty())
                notes += (notes.empty() ? "" : "\n") + reason->note;
        }
        // Unless a reason named it, the callee's image says what it speaks on that port (or on
        // its first default port), else the port number does.
        if (protocol.empty() || protocol == "other") {
            const auto role = protocol.empty() && !to.image.empty()
                                  ? wellKnownImage(to.image, m_input.catalog->images())
                                  : std::nullopt;
            if (port > 0 || role)
                protocol = portProtocol(port, "tcp", role ? role->image : nullptr);
        }
        PropertyMap properties;
        properties["protocol"] = protocol.empty() ? std::string("other") : protocol;
        if (port > 0)
            properties["port"] = std::int64_t(port);
        properties["transport"] = std::string("network");
        // Reasons that disagree (http:// and https:// to one port) leave it to be answered.
        if (encrypted.size() == 1)
            properties["encrypted"] = *encrypted.begin();
        if (!notes.empty())
            properties["notes"] = notes;
        if (startOrderOnly) {
            properties["orderingOnly"] = true;
            m_input.mapped(*group.front()->startOrderAt,
                           "service " + from.name + " → " + to.name
                               + ": only depends_on shows this flow, which orders the start and "
                                 "names no address, URL or port the service uses: orderingOnly "
                                 "yes (no data assumed on it)");
        }
        m_builder.addFlow(from.id, to.id,
                          from.name + " uses " + m_input.shownName(to.name)
                              + (ports.size() > 1 ? " on port " + std::to_string(port) : ""),
                          std::move(properties));
    }
}

} // namespace bulkhead
