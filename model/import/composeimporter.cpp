#include "composeimporter.h"

#include "import/composevariables.h"
#include "import/importsupport.h"
#include "import/projectfolder.h"
#include "import/yamltree.h"
#include "io/textfile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <set>

namespace bulkhead {

namespace {

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

/**
 * "NAME:LINE:COLUMN", or NAME alone, from the start of a reader's error "NAME:LINE:COLUMN: what it
 * saw": where it stopped without what it saw, which may quote the file.
 */
std::string readerPosition(const std::string &error, const std::string &name)
{
    if (error.compare(0, name.size(), name) != 0)
        return name;
    std::size_t end = name.size();
    for (int part = 0; part < 2; ++part) {
        std::size_t at = end;
        if (at >= error.size() || error[at] != ':')
            break;
        const std::size_t digits = ++at;
        while (at < error.size() && std::isdigit(static_cast<unsigned char>(error[at])))
            ++at;
        if (at == digits)
            break;
        end = at;
    }
    return error.substr(0, end);
}

/** "a:b:c" → {"a", "b", "c"}; an empty text is one empty part. */
std::vector<std::string> splitOn(const std::string &text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(text.substr(start, at - start));
    parts.push_back(text.substr(start));
    return parts;
}

std::string joined(const std::vector<std::string> &items, const char *separator = ", ")
{
    std::string out;
    for (const std::string &item : items)
        out += (out.empty() ? "" : separator) + item;
    return out;
}

/** Service keys of the Compose specification that say nothing a threat model records. */
const std::set<std::string_view> &unmappedServiceKeys()
{
    static const std::set<std::string_view> keys{
        "annotations", "attach", "blkio_config", "cgroup_parent", "command", "container_name",
        "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
        "cpuset", "credential_spec", "develop", "device_cgroup_rules", "dns", "dns_opt", "dns_search",
        "domainname", "driver_opts", "entrypoint", "external_links", "extra_hosts", "gpus", "group_add",
        "hostname", "init", "isolation", "labels", "label_file", "logging", "mac_address", "mem_reservation",
        "mem_swappiness", "memswap_limit", "models", "oom_kill_disable", "oom_score_adj", "platform", "post_start",
        "pre_stop", "profiles", "provider", "pull_refresh_after", "scale", "shm_size", "stdin_open", "stop_grace_period", "stop_signal",
        "storage_opt", "sysctls", "tmpfs", "tty", "ulimits", "working_dir"};
    return keys;
}

/** Service keys the import maps. */
const std::set<std::string_view> &mappedServiceKeys()
{
    static const std::set<std::string_view> keys{
        "build", "cap_add", "cap_drop", "cgroup", "configs", "cpus", "depends_on", "deploy", "devices", "env_file",
        "environment", "expose", "healthcheck", "image", "ipc", "links", "mem_limit", "network_mode", "networks",
        "pid", "pids_limit", "ports", "privileged", "pull_policy", "read_only", "restart", "runtime", "secrets",
        "security_opt", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from"};
    return keys;
}

/** List-valued service keys whose entries add up across files rather than being replaced. */
bool accumulates(std::string_view key)
{
    static const std::set<std::string_view> keys{"ports", "expose", "volumes", "secrets", "configs", "cap_add",
                                                 "cap_drop", "devices", "security_opt", "dns", "env_file",
                                                 "extra_hosts", "depends_on", "links", "external_links"};
    return keys.count(key) > 0;
}

/** A port written as up to five decimal digits (the range is the caller's to check), or nothing. */
std::optional<long> portDigits(std::string_view text)
{
    if (text.empty() || text.size() > 5
        || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
        return std::nullopt;
    return std::stol(std::string(text));
}

/** What a flow to a port most likely carries. */
std::string protocolForPort(long port, const std::string &transport)
{
    if (transport == "udp")
        return port == 53 ? "dns" : "udp";
    return wellKnownPortProtocol(port).value_or("tcp");
}

std::string protocolForProduct(const std::string &product)
{
    if (product == "postgres")
        return "postgres";
    if (product == "mysql" || product == "mariadb")
        return "mysql";
    if (product == "redis" || product == "valkey")
        return "redis";
    if (product == "rabbitmq" || product == "activemq")
        return "amqp";
    if (product == "kafka")
        return "kafka";
    return "other";
}

/** One published port, as `docker compose config` would spell it. */
struct PublishedPort
{
    std::string bind = "0.0.0.0"; ///< as shown: an address from a variable stays ${NAME}
    bool loopback = false;
    bool allInterfaces = true;
    std::string hostPort; ///< empty: Docker picks one
    long containerPort = 0;
    std::string protocol = "tcp";
};

/** A short-syntax port taken apart: [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]. */
struct PortParts
{
    std::string bind; ///< empty when none is given; an IPv6 address without its brackets
    std::vector<std::string> ports; ///< [HOST_PORT,] CONTAINER_PORT
    std::string protocol = "tcp";
};

/** The parts of a short-syntax port, or nothing with `problem` saying why. */
std::optional<PortParts> splitPort(std::string text, std::string &problem)
{
    PortParts port;
    if (const auto slash = text.rfind('/'); slash != std::string::npos) {
        port.protocol = lower(text.substr(slash + 1));
        text = text.substr(0, slash);
    }
    if (startsWith(text, "[")) {
        const auto close = text.find(']');
        if (close == std::string::npos) {
            problem = "unterminated [";
            return std::nullopt;
        }
        port.bind = text.substr(1, close - 1);
        if (close + 1 >= text.size() || text[close + 1] != ':') {
            problem = "an IPv6 address in brackets must be followed by ':' and the ports";
            return std::nullopt;
        }
        text = text.substr(close + 2);
        port.ports = splitOn(text, ':');
        if (port.ports.size() > 2) {
            problem = "too many parts";
            return std::nullopt;
        }
        return port;
    }
    port.ports = splitOn(text, ':');
    if (port.ports.size() > 3) {
        problem = "too many parts";
        return std::nullopt;
    }
    if (port.ports.size() == 3) {
        port.bind = port.ports.front();
        port.ports.erase(port.ports.begin());
    }
    return port;
}

/** A service as read, before it becomes an element. */
struct Service
{
    std::string name;
    const YamlNode *node = nullptr;
    std::string id;
    std::string kind = "container";
    std::string image;
    std::string shownImage; ///< as written: a variable's value stays ${NAME}
    bool built = false;
    std::vector<std::string> networks;
    std::string networkMode;
    std::vector<PublishedPort> ports;
    std::vector<long> exposed;
    std::vector<std::string> dependencies;
    std::vector<std::string> secretsUsed;
    std::vector<std::string> volumesFrom;
    std::vector<std::pair<std::string, std::string>> namedMounts; ///< volume, target (":ro" kept)
    bool mountsRuntimeSocket = false;
    /** Settings that only a container element can hold; a well-known image keeps its
     *  container kind when it has any. */
    std::vector<std::string> containerReasons;
    PropertyMap properties;
};

class ComposeImporter
{
public:
    ComposeImporter(const std::vector<std::string> &files, const std::map<std::string, std::string> &environment,
                    const ComposeImportOptions &options)
        : m_files(files), m_paths(files.begin(), files.end()), m_environment(environment), m_variables(environment),
          m_options(options)
    {
    }

    Result<ImportResult> run();

private:
    // Reading and merging.
    bool openProject();
    bool readDotEnv();
    bool normaliseService(YamlNode &service);
    bool readDocuments(std::size_t index, std::vector<YamlNode> &documents);
    bool resolveExtends(YamlNode &services);
    bool extendService(YamlNode &services, YamlNode &service, const std::string &name, int depth);
    void merge(YamlNode &base, const YamlNode &over, std::string_view key);

    // Mapping.
    bool mapService(Service &service);
    bool mapSecurityOptions(Service &service, const YamlNode &list);
    bool mapVolume(Service &service, const YamlNode &entry);
    bool mapPort(Service &service, const YamlNode &entry);
    bool mapEnvironment(Service &service);
    bool mapDeploy(Service &service, const YamlNode &deploy);
    void inheritVolumes();
    void buildModel();

    // Helpers.
    bool fail(const YamlNode &at, const std::string &message)
    {
        if (m_error.empty())
            m_error = yamlError(fileOf(at), at, message);
        return false;
    }
    const std::string &fileOf(const YamlNode &node) const { return m_files[std::size_t(node.fileIndex)]; }
    std::string where(const YamlNode &node) const
    {
        return node.line > 0 ? fileOf(node) + ":" + std::to_string(node.line) : fileOf(node);
    }
    /** A path written in a file, as Compose resolves it: from the project folder in the files
     *  given, from its own folder in a file that `extends` pulled in. */
    std::filesystem::path resolvePath(const YamlNode &at, const std::string &written) const
    {
        return m_baseFolders[std::size_t(at.fileIndex)] / written;
    }
    bool readBool(const YamlNode &node, const std::string &what, bool &out);
    bool readText(const YamlNode &node, const std::string &what, std::string &out);
    /** The scalar items of a text or a list of texts, for callers that show each as written. */
    bool readTextItems(const YamlNode &node, const std::string &what, std::vector<const YamlNode *> &out);
    /** A scalar's text as the model and report may show it (variables as ${NAME}). */
    std::string shown(const YamlNode &node) const { return m_variables.shown(node); }
    std::string shown(const YamlNode &node, const std::string &piece) const { return m_variables.shown(node, piece); }
    std::string quoted(const YamlNode &node, const std::string &piece) const { return m_variables.quoted(node, piece); }
    std::string quoted(const YamlNode &node) const { return m_variables.quoted(node, node.scalar); }
    /** A name for messages: as it is, or quoted with where its variables come from. */
    std::string described(const YamlNode &node) const { return m_variables.interpolated(node) ? quoted(node) : node.scalar; }
    std::string shownName(const std::string &name) const { return m_variables.shownName(name); }
    std::vector<std::string> shownNames(std::vector<std::string> names) const
    {
        for (std::string &name : names)
            name = shownName(name);
        return names;
    }
    void flag(const YamlNode &at, const std::string &text) { m_result.report.flagged.push_back({where(at), text}); }
    void mapped(const YamlNode &at, const std::string &text) { m_result.report.mapped.push_back({where(at), text}); }
    void skipped(const YamlNode &at, const std::string &text) { m_result.report.skipped.push_back({where(at), text}); }

    /** The files given, then any that `extends` pulls in (node.fileIndex indexes this), as
     *  messages name them: a path written with a variable keeps its ${NAME}. */
    std::vector<std::string> m_files;
    /** The same files as they are read: an extended file by its canonical path. */
    std::vector<std::filesystem::path> m_paths;
    /** Per file, the folder its relative paths start from. */
    std::vector<std::filesystem::path> m_baseFolders;
    std::size_t m_given = 0;
    const std::map<std::string, std::string> &m_environment;
    ComposeVariables m_variables;
    ComposeImportOptions m_options;
    std::optional<ProjectFolder> m_folder;
    YamlNode m_project;
    std::vector<Service> m_services;
    ImportResult m_result;
    IdAllocator m_ids;
    std::string m_error;
};

// ---------------------------------------------------------------------------------------------
// Reading

/** The project folder: where relative paths start and what `extends` and `env_file` may read. */
bool ComposeImporter::openProject()
{
    namespace fs = std::filesystem;
    const fs::path folder = !m_options.projectDirectory.empty() ? fs::path(m_options.projectDirectory)
                            : fs::path(m_files.front()).has_parent_path() ? fs::path(m_files.front()).parent_path()
                                                                          : fs::path(".");
    // Messages name the folder as given, but "." as the folder it is.
    std::error_code error;
    const fs::path named = folder == fs::path(".") ? fs::absolute(folder, error).lexically_normal().parent_path() : folder;
    auto opened = ProjectFolder::open(folder, "the project folder " + named.string());
    if (!opened) {
        // Without --project-directory the folder is the first file's: what is wrong is the file.
        const auto first = m_options.projectDirectory.empty() ? readTextFile(m_files.front(), 1) : Result<std::string>::failure({});
        m_error = !first && !first.error().empty() ? first.error() : opened.error();
        return false;
    }
    m_folder = std::move(*opened);
    m_given = m_files.size();
    m_baseFolders.assign(m_given, folder);
    return true;
}

bool ComposeImporter::readDotEnv()
{
    namespace fs = std::filesystem;
    const fs::path path = m_folder->path() / ".env";
    std::error_code error;
    // A link counts even when it leads nowhere: where it points is checked before anything is read.
    if (!fs::exists(fs::symlink_status(path, error)))
        return true;
    const auto resolved = m_folder->resolve(path, path.string());
    if (!resolved) {
        m_error = resolved.error();
        return false;
    }
    if (!fs::is_regular_file(*resolved, error))
        return true;
    auto text = m_folder->readText(path, path.string(), 1024 * 1024);
    if (!text) {
        m_error = text.error();
        return false;
    }
    m_variables.setDotEnv(parseEnvFile(*text));
    return true;
}

/**
 * List forms as mappings, so that files merge by name whichever form each uses: environment
 * ("A=B" entries), depends_on and networks (names).
 */
bool ComposeImporter::normaliseService(YamlNode &service)
{
    for (auto &[key, value] : service.entries) {
        const bool names = key == "depends_on" || key == "networks";
        if ((!names && key != "environment") || !value.isSequence())
            continue;
        YamlNode mapping;
        mapping.type = YamlNode::Type::Mapping;
        mapping.line = value.line;
        mapping.column = value.column;
        mapping.fileIndex = value.fileIndex;
        mapping.tag = value.tag;
        for (const YamlNode &item : value.items) {
            if (!item.isScalar())
                return fail(item, key + (names ? " entries must be names, not " : " entries must be NAME=VALUE text, not ")
                                      + std::string(item.typeName()));
            // A name alone has no value; "A=B" has B.
            const auto equals = names ? std::string::npos : item.scalar.find('=');
            YamlNode entryValue;
            entryValue.line = item.line;
            entryValue.column = item.column;
            entryValue.fileIndex = item.fileIndex;
            if (equals != std::string::npos) {
                entryValue.type = YamlNode::Type::Scalar;
                entryValue.scalar = item.scalar.substr(equals + 1);
            }
            std::string name = item.scalar.substr(0, equals);
            // A name that took a variable's value is shown as written ("${NAME}" or its part before "=").
            const std::string written = shown(item);
            m_variables.rememberName(item, name, names ? std::string() : written.substr(0, written.find('=')));
            mapping.entries.emplace_back(std::move(name), std::move(entryValue));
            mapping.keyPositions.emplace_back(item.line, item.column);
        }
        value = std::move(mapping);
    }
    return true;
}

namespace {

/** What identifies an entry of a list key when files merge: Compose merges these by it. */
std::string mergeIdentity(std::string_view key, const YamlNode &item)
{
    if (key == "volumes") {
        // By target: "src:/target[:mode]", "/target" or {target: …}.
        if (item.isMapping()) {
            const YamlNode *target = item.find("target");
            return target && target->isScalar() ? target->scalar : std::string();
        }
        const std::string &text = item.scalar;
        const auto first = text.find(':');
        if (first == std::string::npos)
            return text;
        const auto second = text.find(':', first + 1);
        return text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    }
    if (key == "ports") {
        if (item.isMapping()) {
            std::string identity;
            for (const char *field : {"host_ip", "published", "target", "protocol"}) {
                const YamlNode *value = item.find(field);
                identity += std::string(field) + "=" + (value && value->isScalar() ? value->scalar : std::string()) + ";";
            }
            return identity;
        }
        return item.scalar.find('/') == std::string::npos ? item.scalar + "/tcp" : item.scalar;
    }
    if (key == "secrets" || key == "configs") {
        if (item.isMapping()) {
            const YamlNode *source = item.find("source");
            return source && source->isScalar() ? source->scalar : std::string();
        }
        return item.scalar;
    }
    return item.isScalar() ? item.scalar : std::string();
}

/** Removes entries tagged !reset, which an override uses to delete what an earlier file set. */
void dropResets(YamlNode &node)
{
    for (std::size_t i = node.entries.size(); i-- > 0;) {
        if (node.entries[i].second.tag == "!reset") {
            node.entries.erase(node.entries.begin() + std::ptrdiff_t(i));
            if (i < node.keyPositions.size())
                node.keyPositions.erase(node.keyPositions.begin() + std::ptrdiff_t(i));
        } else {
            dropResets(node.entries[i].second);
        }
    }
    for (YamlNode &item : node.items)
        dropResets(item);
}

} // namespace

void ComposeImporter::merge(YamlNode &base, const YamlNode &over, std::string_view key)
{
    if (over.tag == "!override" || over.tag == "!reset") {
        base = over; // dropResets removes the !reset ones once every file is in
        return;
    }
    if (base.isMapping() && over.isMapping()) {
        for (std::size_t i = 0; i < over.entries.size(); ++i) {
            // Not a structured binding: clang 14 (the fuzz preset) cannot capture one.
            const std::string &name = over.entries[i].first;
            const YamlNode &value = over.entries[i].second;
            auto it = std::find_if(base.entries.begin(), base.entries.end(),
                                   [&](const auto &entry) { return entry.first == name; });
            if (it == base.entries.end()) {
                base.entries.emplace_back(name, value);
                if (base.keyPositions.size() + 1 == base.entries.size() && i < over.keyPositions.size())
                    base.keyPositions.push_back(over.keyPositions[i]);
            } else {
                merge(it->second, value, name);
            }
        }
        return;
    }
    if (base.isSequence() && over.isSequence() && accumulates(key)) {
        for (const YamlNode &item : over.items) {
            const std::string identity = mergeIdentity(key, item);
            auto same = std::find_if(base.items.begin(), base.items.end(), [&](const YamlNode &b) {
                return !identity.empty() && mergeIdentity(key, b) == identity;
            });
            if (same != base.items.end())
                *same = item; // the later file's entry for the same target wins
            else
                base.items.push_back(item);
        }
        return;
    }
    base = over;
}

bool ComposeImporter::readBool(const YamlNode &node, const std::string &what, bool &out)
{
    if (node.isScalar()) {
        const std::string value = lower(node.scalar);
        if (value == "true" || value == "yes" || value == "on") {
            out = true;
            return true;
        }
        if (value == "false" || value == "no" || value == "off") {
            out = false;
            return true;
        }
    }
    return fail(node, what + " must be true or false, not " + (node.isScalar() ? quoted(node) : std::string(node.typeName())));
}

bool ComposeImporter::readText(const YamlNode &node, const std::string &what, std::string &out)
{
    if (!node.isScalar())
        return fail(node, what + " must be text, not " + std::string(node.typeName()));
    out = node.scalar;
    return true;
}

bool ComposeImporter::readTextItems(const YamlNode &node, const std::string &what, std::vector<const YamlNode *> &out)
{
    if (node.isScalar()) {
        out.push_back(&node);
        return true;
    }
    if (!node.isSequence())
        return fail(node, what + " must be a list, not " + std::string(node.typeName()));
    for (const YamlNode &item : node.items) {
        if (!item.isScalar())
            return fail(item, what + " entries must be text, not " + std::string(item.typeName()));
        out.push_back(&item);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// Mapping one service

bool ComposeImporter::mapSecurityOptions(Service &service, const YamlNode &list)
{
    std::vector<const YamlNode *> items;
    if (!readTextItems(list, "security_opt", items))
        return false;
    for (const YamlNode *item : items) {
        std::string option = item->scalar;
        std::replace(option.begin(), option.end(), '=', ':');
        if (option == "seccomp:unconfined") {
            service.properties["seccompProfile"] = std::string("unconfined");
            service.containerReasons.push_back("seccomp unconfined");
            flag(list, "service " + service.name + ": seccomp is switched off (seccomp:unconfined)");
        } else if (startsWith(option, "seccomp:")) {
            service.properties["seccompProfile"] = std::string("localhost");
        } else if (option == "apparmor:unconfined") {
            service.properties["appArmor"] = std::string("unconfined");
            service.containerReasons.push_back("AppArmor unconfined");
            flag(list, "service " + service.name + ": AppArmor is switched off (apparmor:unconfined)");
        } else if (startsWith(option, "apparmor:")) {
            service.properties["appArmor"] = std::string("custom");
        } else if (option == "no-new-privileges" || option == "no-new-privileges:true") {
            service.properties["allowPrivilegeEscalation"] = std::string("no");
        } else if (option == "no-new-privileges:false") {
            service.properties["allowPrivilegeEscalation"] = std::string("yes");
        } else if (startsWith(option, "label:disable")) {
            service.properties["selinux"] = std::string("disabled");
            service.containerReasons.push_back("SELinux labels disabled");
        } else {
            skipped(list, "service " + service.name + ": security_opt \"" + shown(*item, option) + "\" not mapped");
        }
    }
    return true;
}

bool ComposeImporter::mapVolume(Service &service, const YamlNode &entry)
{
    std::string type;
    std::string source;
    std::string target;
    // As the model and report may show them: a variable's value stays ${NAME}.
    std::string shownType;
    std::string shownSource;
    std::string shownTarget;
    bool readOnly = false;
    if (entry.isScalar()) {
        // SOURCE:TARGET[:MODE], or just TARGET for an anonymous volume.
        const std::vector<std::string> parts = splitOn(entry.scalar, ':');
        std::vector<std::string> shownParts = splitOn(shown(entry), ':');
        if (shownParts.size() != parts.size())
            shownParts.assign(parts.size(), shown(entry));
        if (parts.size() == 1) {
            target = parts[0];
            shownTarget = shownParts[0];
        } else {
            source = parts[0];
            shownSource = shownParts[0];
            target = parts[1];
            shownTarget = shownParts[1];
            if (parts.size() > 2) {
                const std::string mode = parts[2];
                readOnly = mode == "ro" || startsWith(mode, "ro,") || mode.find(",ro") != std::string::npos;
            }
        }
        type = source.empty() ? "volume"
               : (startsWith(source, "/") || startsWith(source, ".") || startsWith(source, "~")) ? "bind"
                                                                                                 : "volume";
        shownType = type;
    } else if (entry.isMapping()) {
        for (const auto &[key, value] : entry.entries) {
            if (key == "type") {
                if (!readText(value, "volume type", type))
                    return false;
                shownType = shown(value);
            } else if (key == "source") {
                if (!readText(value, "volume source", source))
                    return false;
                shownSource = shown(value);
                m_variables.rememberName(value, source);
            } else if (key == "target") {
                if (!readText(value, "volume target", target))
                    return false;
                shownTarget = shown(value);
            } else if (key == "read_only") {
                if (!readBool(value, "read_only", readOnly))
                    return false;
            } else if (key != "bind" && key != "volume" && key != "tmpfs" && key != "consistency" && key != "image"
                       && !startsWith(key, "x-")) {
                return fail(value, "unknown volume key \"" + key + "\"");
            }
        }
        if (type.empty())
            return fail(entry, "a volume in long syntax needs a type");
    } else {
        return fail(entry, "volume entries must be text or a mapping, not " + std::string(entry.typeName()));
    }

    const bool sourceFromVariable = shownSource != source;
    if (type == "bind") {
        // Normalised, so that rules matching "/etc" see "/etc/" and "//etc" as the same path. A
        // path from a variable is recorded as written, or as the sensitive location it lies in,
        // so that the threats it brings are found without its text being copied.
        const std::optional<std::string> location = sourceFromVariable ? sensitiveHostLocation(source) : std::nullopt;
        const std::string recorded = !sourceFromVariable ? normaliseHostPath(source) : location ? *location : shownSource;
        appendUnique(service.properties, "hostPathMounts", recorded + (readOnly ? ":ro" : ""));
        service.containerReasons.push_back("host path " + shownSource);
        if (const auto why = sensitiveHostPath(source)) {
            const bool socket = source.find(".sock") != std::string::npos;
            // ":ro" keeps a socket file from being replaced, not the API behind it from being used.
            flag(entry, "service " + service.name + ": mounts " + shownSource
                            + (socket ? (readOnly ? " (read-only does not restrict the API)" : "") : readOnly ? " read-only" : " writable")
                            + " — " + *why);
            service.mountsRuntimeSocket = service.mountsRuntimeSocket || socket;
        }
        mapped(entry, "service " + service.name + ": bind mount " + shownSource + " → " + shownTarget + " recorded in hostPathMounts"
                          + (location ? " as " + *location + ", the sensitive location its path (from a variable) lies in" : ""));
    } else if (type == "volume") {
        if (source.empty()) {
            mapped(entry, "service " + service.name + ": anonymous volume at " + shownTarget + " (not drawn)");
            return true;
        }
        if (entry.isScalar())
            m_variables.rememberName(entry, source, shownSource);
        service.namedMounts.emplace_back(source, shownTarget + (readOnly ? ":ro" : ""));
    } else if (type == "tmpfs") {
        return true;
    } else {
        skipped(entry, "service " + service.name + ": volume of type " + shownType + " not mapped");
    }
    return true;
}

bool ComposeImporter::mapPort(Service &service, const YamlNode &entry)
{
    std::vector<PublishedPort> ports;
    auto parsePort = [&](const YamlNode &at, const std::string &text, long &port) {
        const std::optional<long> number = portDigits(text);
        if (!number)
            return fail(at, quoted(at, text) + " is not a port number");
        port = *number;
        if (port < 1 || port > 65535)
            return fail(at, "port " + quoted(at, text) + " is out of range");
        return true;
    };
    std::string bind;
    const YamlNode *protocolAt = &entry;
    if (entry.isScalar()) {
        std::string problem;
        const std::optional<PortParts> parts = splitPort(entry.scalar, problem);
        if (!parts)
            return fail(entry, problem + " in port " + quoted(entry));
        // The same parts as written, where they line up with the value's; else the whole text.
        std::string ignored;
        const std::optional<PortParts> written = splitPort(shown(entry), ignored);
        const bool aligned = written && written->ports.size() == parts->ports.size() && written->bind.empty() == parts->bind.empty();
        PublishedPort port;
        port.protocol = parts->protocol;
        bind = parts->bind;
        if (!bind.empty())
            port.bind = aligned ? written->bind : shown(entry);
        if (parts->ports.size() >= 2)
            port.hostPort = parts->ports[parts->ports.size() - 2];
        const std::string containerPart = parts->ports.back();
        // Ranges ("8000-8010") publish each port; record the first and say so.
        const std::string first = containerPart.substr(0, containerPart.find('-'));
        if (!parsePort(entry, first, port.containerPort))
            return false;
        if (containerPart.find('-') != std::string::npos)
            mapped(entry, "service " + service.name + ": port range " + (aligned ? written->ports.back() : shown(entry))
                              + " recorded by its first port");
        if (!port.hostPort.empty()) {
            // A range publishes each port of it; the first stands for all in the flow.
            const std::string firstHost = port.hostPort.substr(0, port.hostPort.find('-'));
            long hostPort = 0;
            if (!parsePort(entry, firstHost, hostPort))
                return false;
            if (port.hostPort.find('-') != std::string::npos) {
                long last = 0;
                if (!parsePort(entry, port.hostPort.substr(port.hostPort.find('-') + 1), last))
                    return false;
            }
            // Checked to be a number from 1 to 65535: recorded as that number, whatever its source.
            port.hostPort = std::to_string(hostPort);
        }
        ports.push_back(port);
    } else if (entry.isMapping()) {
        PublishedPort port;
        for (const auto &[key, value] : entry.entries) {
            std::string text;
            if (!readText(value, "port " + key, text))
                return false;
            if (key == "target") {
                if (!parsePort(value, text, port.containerPort))
                    return false;
            } else if (key == "published") {
                long hostPort = 0;
                if (!parsePort(value, text.substr(0, text.find('-')), hostPort))
                    return false;
                port.hostPort = std::to_string(hostPort);
            } else if (key == "host_ip") {
                bind = text;
                port.bind = shown(value);
            } else if (key == "protocol") {
                port.protocol = lower(text);
                protocolAt = &value;
            } else if (key != "mode" && key != "name" && key != "app_protocol" && !startsWith(key, "x-")) {
                return fail(value, "unknown port key \"" + key + "\"");
            }
        }
        if (port.containerPort == 0)
            return fail(entry, "a port in long syntax needs a target");
        ports.push_back(port);
    }
    if (entry.isScalar() || entry.isMapping()) {
        for (const PublishedPort &port : ports)
            if (port.protocol != "tcp" && port.protocol != "udp" && port.protocol != "sctp")
                return fail(*protocolAt, "the protocol of a port is tcp, udp or sctp, not " + quoted(*protocolAt, port.protocol));
    } else {
        return fail(entry, "port entries must be text or a mapping, not " + std::string(entry.typeName()));
    }
    // Duplicates go once every port is read (mapService): checking each port against all
    // before it made a service with 50,000 ports cost over a billion comparisons.
    auto publish = [&service](std::string text) {
        PropertyValue &list = service.properties["publishedPorts"];
        if (!std::holds_alternative<StringList>(list))
            list = StringList{};
        std::get<StringList>(list).push_back(std::move(text));
    };
    for (PublishedPort &published : ports) {
        // Decided on the address itself; only its shown form is kept.
        published.loopback = bind == "127.0.0.1" || bind == "::1" || bind == "localhost";
        published.allInterfaces = bind.empty() || bind == "0.0.0.0" || bind == "::";
        service.ports.push_back(published);
        PublishedPort port = published;
        if (!bind.empty() && port.bind.find(':') != std::string::npos && port.bind == bind)
            port.bind = "[" + port.bind + "]"; // as docker compose config writes IPv6 addresses
        if (port.hostPort.empty()) {
            // No host port: Docker publishes on a random one, on all interfaces.
            publish(port.bind + ":0->" + std::to_string(port.containerPort) + "/" + port.protocol);
        } else {
            publish(port.bind + ":" + port.hostPort + "->" + std::to_string(port.containerPort) + "/" + port.protocol);
        }
    }
    return true;
}

bool ComposeImporter::mapEnvironment(Service &service)
{
    // Names only. The values are configuration at best and credentials at worst: a threat
    // model is shared with reviewers and must never carry them.
    std::vector<std::string> names;
    std::vector<std::string> secrets;
    bool namesComplete = true;
    if (const YamlNode *environment = service.node->find("environment")) {
        if (!environment->isMapping())
            return fail(*environment, "environment must be a mapping or a list of NAME=VALUE, not "
                                          + std::string(environment->typeName()));
        for (const auto &[name, value] : environment->entries) {
            if (!value.isNull() && !value.isScalar())
                return fail(value, "environment variable " + name + " must have a text value, not " + std::string(value.typeName()));
            names.push_back(shownName(name));
            if (looksSecret(name)) {
                secrets.push_back(shownName(name));
                flag(value.line > 0 ? value : *environment,
                     "service " + service.name + ": environment variable " + shownName(name)
                         + " looks like a secret; its value was not imported (hand secrets over as files)");
            }
        }
    }
    if (const YamlNode *envFiles = service.node->find("env_file")) {
        std::vector<const YamlNode *> entries;
        if (envFiles->isSequence()) {
            for (const YamlNode &item : envFiles->items)
                entries.push_back(&item);
        } else {
            entries.push_back(envFiles);
        }
        for (const YamlNode *entry : entries) {
            std::string file;
            bool required = true;
            const YamlNode *pathAt = entry;
            if (entry->isMapping()) {
                pathAt = entry->find("path");
                if (!pathAt || !readText(*pathAt, "env_file path", file))
                    return pathAt ? false : fail(*entry, "env_file entries need a path");
                if (const YamlNode *req = entry->find("required"); req && !readBool(*req, "env_file required", required))
                    return false;
            } else if (!readText(*entry, "env_file", file)) {
                return false;
            }
            const std::string shownFile = shown(*pathAt);
            // Only files inside the project: an env file elsewhere may be anyone's secrets.
            const auto resolved = m_folder->resolve(resolvePath(*pathAt, file), "env_file " + shownFile);
            if (!resolved)
                return fail(*pathAt, resolved.error());
            auto text = readTextFile(*resolved, 1024 * 1024);
            if (!text) {
                namesComplete = false;
                if (required)
                    skipped(*entry, "service " + service.name + ": env_file " + shownFile + " could not be read, so its variable names are unknown");
                continue;
            }
            for (const auto &variable : parseEnvFile(*text)) {
                const std::string &name = variable.first;
                names.push_back(name);
                if (looksSecret(name)) {
                    secrets.push_back(name);
                    flag(*entry, "service " + service.name + ": variable " + name + " from env_file " + shownFile
                                     + " looks like a secret; its value was not imported");
                }
            }
            appendNote(service.properties, "Environment file: " + shownFile);
        }
    }
    if (!names.empty())
        appendNote(service.properties, "Environment variables (values not imported): " + joined(names));
    if (!secrets.empty()) {
        service.properties["secretsInEnv"] = std::string("yes");
        service.containerReasons.push_back("secrets in the environment (" + joined(secrets) + ")");
    } else if (namesComplete) {
        service.properties["secretsInEnv"] = std::string("no");
    }
    return true;
}

bool ComposeImporter::mapDeploy(Service &service, const YamlNode &deploy)
{
    if (!deploy.isMapping())
        return fail(deploy, "deploy must be a mapping, not " + std::string(deploy.typeName()));
    if (const YamlNode *limits = deploy.find("resources") ? deploy.find("resources")->find("limits") : nullptr) {
        if (!limits->isMapping())
            return fail(*limits, "deploy.resources.limits must be a mapping");
        const std::pair<const char *, const char *> fields[] = {{"memory", "memoryLimit"}, {"cpus", "cpuLimit"}, {"pids", "pidsLimit"}};
        for (const auto &[key, property] : fields) {
            if (const YamlNode *value = limits->find(key)) {
                std::string text;
                if (!readText(*value, std::string("deploy.resources.limits.") + key, text))
                    return false;
                service.properties[property] = shown(*value);
            }
        }
    }
    if (const YamlNode *policy = deploy.find("restart_policy")) {
        if (const YamlNode *condition = policy->find("condition")) {
            std::string text;
            if (!readText(*condition, "deploy.restart_policy.condition", text))
                return false;
            service.properties["restartPolicy"] = std::string(text == "none" ? "no" : text == "on-failure" ? "onFailure" : "always");
        }
    }
    return true;
}

bool ComposeImporter::mapService(Service &service)
{
    const YamlNode &node = *service.node;
    if (!node.isMapping())
        return fail(node, "service " + service.name + " must be a mapping, not " + std::string(node.typeName()));
    PropertyMap &p = service.properties;
    p["platform"] = std::string("docker");
    // Docker's defaults, stated so that rules see them rather than "unknown".
    p["privileged"] = false;
    p["seccompProfile"] = std::string("runtimeDefault");
    p["allowPrivilegeEscalation"] = std::string("yes");
    p["readOnlyRootFilesystem"] = false;
    p["capDropAll"] = false;
    p["automountSAToken"] = std::string("no");
    std::vector<std::string> unmapped;
    for (const auto &[key, value] : node.entries) {
        // "key:" with nothing after it means the key is absent.
        if (startsWith(key, "x-") || value.isNull())
            continue;
        if (unmappedServiceKeys().count(key)) {
            unmapped.push_back(key);
            continue;
        }
        if (!mappedServiceKeys().count(key))
            return fail(value, "service " + service.name + ": unknown key \"" + key + "\"");
        if (key == "image") {
            if (!readText(value, "image", service.image))
                return false;
            service.shownImage = shown(value);
        } else if (key == "build") {
            service.built = true;
        } else if (key == "user") {
            std::string user;
            if (!readText(value, "user", user))
                return false;
            // An empty user (often an unset ${UID}) leaves the image's user in place.
            if (!user.empty()) {
                p["runAsUser"] = shown(value);
                const std::string name = user.substr(0, user.find(':'));
                p["runAsNonRoot"] = std::string(name == "root" || name == "0" ? "no" : "yes");
            }
        } else if (key == "privileged") {
            bool privileged = false;
            if (!readBool(value, "privileged", privileged))
                return false;
            p["privileged"] = privileged;
            if (privileged) {
                service.containerReasons.push_back("privileged");
                flag(value, "service " + service.name + ": runs privileged — root on the host for anyone in the container");
            }
        } else if (key == "cap_add" || key == "cap_drop") {
            std::vector<const YamlNode *> items;
            if (!readTextItems(value, key, items))
                return false;
            for (const YamlNode *item : items) {
                std::string capability = item->scalar;
                for (char &c : capability)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (startsWith(capability, "CAP_"))
                    capability.erase(0, 4);
                if (key == "cap_drop" && capability == "ALL")
                    p["capDropAll"] = true;
                const std::string recorded = shown(*item, capability);
                appendUnique(p, key == "cap_add" ? "capabilitiesAdded" : "capabilitiesDropped", recorded);
                if (key == "cap_add")
                    service.containerReasons.push_back("adds capability " + recorded);
            }
        } else if (key == "read_only") {
            bool readOnly = false;
            if (!readBool(value, "read_only", readOnly))
                return false;
            p["readOnlyRootFilesystem"] = readOnly;
        } else if (key == "security_opt") {
            if (!mapSecurityOptions(service, value))
                return false;
        } else if (key == "pid" || key == "ipc" || key == "uts" || key == "userns_mode") {
            std::string mode;
            if (!readText(value, key, mode))
                return false;
            if (mode == "host") {
                const char *property = key == "pid" ? "hostPID" : key == "ipc" ? "hostIPC" : key == "uts" ? "hostUTS" : "hostUsers";
                p[property] = true;
                service.containerReasons.push_back(key + ": host");
                flag(value, "service " + service.name + ": shares the host's " + key + " namespace");
            }
        } else if (key == "cgroup") {
            std::string mode;
            if (!readText(value, "cgroup", mode))
                return false;
            if (mode == "host") {
                service.containerReasons.push_back("cgroup: host");
                flag(value, "service " + service.name + ": shares the host's cgroup namespace");
            }
        } else if (key == "use_api_socket") {
            bool socket = false;
            if (!readBool(value, "use_api_socket", socket))
                return false;
            if (socket) {
                // Compose mounts the engine's API socket into the container.
                appendUnique(p, "hostPathMounts", "/var/run/docker.sock");
                service.mountsRuntimeSocket = true;
                service.containerReasons.push_back("the Docker API socket");
                flag(value, "service " + service.name
                                + ": use_api_socket mounts the Docker API socket — whoever can use it controls every container and the host");
            }
        } else if (key == "volumes_from") {
            std::vector<const YamlNode *> items;
            if (!readTextItems(value, "volumes_from", items))
                return false;
            for (const YamlNode *item : items) {
                service.volumesFrom.push_back(item->scalar);
                m_variables.rememberName(*item, item->scalar);
                m_variables.rememberName(*item, item->scalar.substr(0, item->scalar.find(':')));
            }
        } else if (key == "network_mode") {
            if (!readText(value, "network_mode", service.networkMode))
                return false;
            m_variables.rememberName(value, service.networkMode);
            if (service.networkMode == "host") {
                p["hostNetwork"] = true;
                service.containerReasons.push_back("network_mode: host");
                flag(value, "service " + service.name + ": uses the host's network stack (network_mode: host)");
            }
        } else if (key == "networks") {
            if (value.isSequence()) {
                std::vector<const YamlNode *> items;
                if (!readTextItems(value, "networks", items))
                    return false;
                for (const YamlNode *item : items) {
                    service.networks.push_back(item->scalar);
                    m_variables.rememberName(*item, item->scalar);
                }
            } else if (value.isMapping()) {
                for (const auto &entry : value.entries)
                    service.networks.push_back(entry.first);
            } else {
                return fail(value, "networks must be a list or a mapping, not " + std::string(value.typeName()));
            }
        } else if (key == "devices") {
            if (!value.isSequence())
                return fail(value, "devices must be a list, not " + std::string(value.typeName()));
            std::size_t count = 0;
            for (const YamlNode &device : value.items) {
                std::string path;
                const YamlNode *pathAt = &device;
                if (device.isMapping()) {
                    pathAt = device.find("source");
                    if (!pathAt || !readText(*pathAt, "device source", path))
                        return pathAt ? false : fail(device, "a device needs a source");
                } else if (!readText(device, "device", path)) {
                    return false;
                }
                path = path.substr(0, path.find(':'));
                // The model records that a device is mapped and what a sensitive one gives, never
                // its path: the rules need no more, and the path may come from a variable.
                const std::optional<std::string> why = sensitiveDevice(path);
                appendUnique(p, "devices", "device " + std::to_string(++count) + (why ? " (" + *why + ")" : std::string()));
                const std::string shownPath = shown(*pathAt, path);
                service.containerReasons.push_back("device " + shownPath);
                flag(device, "service " + service.name + ": has the host device " + shownPath + (why ? " — " + *why : std::string()));
            }
        } else if (key == "healthcheck") {
            if (!value.isMapping())
                return fail(value, "healthcheck must be a mapping, not " + std::string(value.typeName()));
            bool disabled = false;
            if (const YamlNode *disable = value.find("disable"); disable && !readBool(*disable, "healthcheck.disable", disabled))
                return false;
            if (const YamlNode *test = value.find("test"))
                disabled = disabled || (test->isSequence() && !test->items.empty() && test->items.front().scalar == "NONE");
            p["healthcheckDefined"] = !disabled;
        } else if (key == "restart") {
            std::string policy;
            if (!readText(value, "restart", policy))
                return false;
            if (policy == "no")
                p["restartPolicy"] = std::string("no");
            else if (policy == "always")
                p["restartPolicy"] = std::string("always");
            else if (startsWith(policy, "on-failure"))
                p["restartPolicy"] = std::string("onFailure");
            else if (policy == "unless-stopped")
                p["restartPolicy"] = std::string("unlessStopped");
            else
                return fail(value, "restart must be no, always, on-failure or unless-stopped, not " + quoted(value));
        } else if (key == "deploy") {
            if (!mapDeploy(service, value))
                return false;
        } else if (key == "mem_limit" || key == "cpus" || key == "pids_limit") {
            std::string limit;
            if (!readText(value, key, limit))
                return false;
            p[key == "mem_limit" ? "memoryLimit" : key == "cpus" ? "cpuLimit" : "pidsLimit"] = shown(value);
        } else if (key == "pull_policy") {
            std::string policy;
            if (!readText(value, "pull_policy", policy))
                return false;
            if (policy == "always")
                p["imagePullPolicy"] = std::string("always");
            else if (policy == "never")
                p["imagePullPolicy"] = std::string("never");
            else if (policy == "missing" || policy == "if_not_present")
                p["imagePullPolicy"] = std::string("ifNotPresent");
        } else if (key == "runtime") {
            std::string runtime;
            if (!readText(value, "runtime", runtime))
                return false;
            p["runtimeClass"] = std::string(runtime == "runsc" ? "gvisor" : startsWith(runtime, "kata") ? "kata" : runtime == "runc" ? "runc" : runtime == "crun" ? "crun" : "other");
        } else if (key == "volumes") {
            if (!value.isSequence())
                return fail(value, "volumes must be a list, not " + std::string(value.typeName()));
            for (const YamlNode &entry : value.items)
                if (!mapVolume(service, entry))
                    return false;
        } else if (key == "ports") {
            if (!value.isSequence())
                return fail(value, "ports must be a list, not " + std::string(value.typeName()));
            for (const YamlNode &entry : value.items)
                if (!mapPort(service, entry))
                    return false;
            // As appendUnique would have kept them: the first of each, in order.
            if (const auto list = service.properties.find("publishedPorts"); list != service.properties.end()) {
                if (auto *published = std::get_if<StringList>(&list->second)) {
                    std::set<std::string> seen;
                    published->erase(std::remove_if(published->begin(), published->end(),
                                                     [&seen](const std::string &port) { return !seen.insert(port).second; }),
                                     published->end());
                }
            }
        } else if (key == "expose") {
            std::vector<std::string> ports;
            if (!value.isSequence())
                return fail(value, "expose must be a list, not " + std::string(value.typeName()));
            for (const YamlNode &item : value.items) {
                if (!item.isScalar())
                    return fail(item, "expose entries must be ports");
                std::string text = item.scalar;
                const std::string protocol = text.find('/') != std::string::npos ? lower(text.substr(text.find('/') + 1)) : "tcp";
                text = text.substr(0, text.find('/'));
                // A single port or a range "8000-8010".
                long first = 0;
                long last = 0;
                const auto dash = text.find('-');
                auto valid = [](const std::string &digits, long &port) {
                    const std::optional<long> number = portDigits(digits);
                    port = number.value_or(0);
                    return port >= 1 && port <= 65535;
                };
                if (!valid(text.substr(0, dash), first) || (dash != std::string::npos && !valid(text.substr(dash + 1), last)))
                    return fail(item, quoted(item) + " is not a port (1-65535) or a range of ports");
                if (protocol != "tcp" && protocol != "udp" && protocol != "sctp")
                    return fail(item, "the protocol of an exposed port is tcp, udp or sctp, not " + quoted(item, protocol));
                service.exposed.push_back(first);
                // Rebuilt from the numbers read, so that nothing else of the text is copied.
                appendUnique(p, "requiredPorts",
                             std::to_string(first) + (dash != std::string::npos ? "-" + std::to_string(last) : std::string()) + "/" + protocol);
            }
        } else if (key == "depends_on" || key == "links") {
            if (value.isMapping()) {
                for (const auto &entry : value.entries)
                    service.dependencies.push_back(entry.first);
            } else {
                std::vector<const YamlNode *> items;
                if (!readTextItems(value, key, items))
                    return false;
                for (const YamlNode *item : items) {
                    service.dependencies.push_back(item->scalar.substr(0, item->scalar.find(':')));
                    m_variables.rememberName(*item, service.dependencies.back());
                }
            }
        } else if (key == "secrets" || key == "configs") {
            if (!value.isSequence())
                return fail(value, key + " must be a list, not " + std::string(value.typeName()));
            std::vector<std::string> names;
            for (const YamlNode &item : value.items) {
                std::string name;
                const YamlNode *source = &item;
                if (item.isMapping()) {
                    source = item.find("source");
                    if (!source || !readText(*source, key + " source", name))
                        return source ? false : fail(item, key + " entries need a source");
                } else if (!readText(item, key, name)) {
                    return false;
                }
                m_variables.rememberName(*source, name);
                names.push_back(name);
            }
            if (key == "secrets")
                service.secretsUsed = names;
            else
                appendNote(p, "Configs: " + joined(shownNames(names)));
        }
    }
    if (!service.ports.empty() && (service.networkMode == "none" || service.networkMode == "host")) {
        // Docker ignores published ports without a network of the container's own: with none
        // nothing is reachable; with host every listening port is, on the host's addresses.
        skipped(node, "service " + service.name + ": ports ignored, as Docker does, with network_mode " + service.networkMode
                          + (service.networkMode == "host" ? " (every port it listens on is open on the host)" : ""));
        service.ports.clear();
        p.erase("publishedPorts");
    }
    if (!mapEnvironment(service))
        return false;
    if (service.image.empty() && !service.built)
        return fail(node, "service " + service.name + " has neither image nor build");
    const std::string image = service.image.empty() ? service.name + " (built from source)" : service.image;
    setImageProperties(p, image, service.built);
    // Pinned or not and where it comes from are read from the image itself; its name is shown as written.
    if (!service.image.empty())
        p["image.ref"] = service.shownImage;
    if (!unmapped.empty())
        skipped(node, "service " + service.name + ": " + joined(unmapped) + " not mapped (no bearing on the threat model)");
    return true;
}

bool ComposeImporter::readDocuments(std::size_t index, std::vector<YamlNode> &documents)
{
    // A file that `extends` names may be no Compose file at all (a key, a password file): what
    // the reader says about it is cut to where it stopped, so that none of its text is repeated.
    const bool extended = index >= m_given;
    Result<YamlFile> file = Result<YamlFile>::failure({});
    if (extended) {
        const auto text = m_folder->readText(m_paths[index], m_files[index], YamlLimits{}.maxBytes);
        if (!text) {
            m_error = text.error();
            return false;
        }
        file = parseYaml(*text, m_files[index]);
        if (!file) {
            m_error = readerPosition(file.error(), m_files[index])
                      + ": extends: this file cannot be read as YAML (its text is not shown)";
            return false;
        }
    } else {
        file = readYamlFile(m_files[index]);
        if (!file) {
            m_error = file.error();
            return false;
        }
    }
    if (file->documents.empty()) {
        m_error = m_files[index] + ": the file is empty; a Compose file is a mapping with a services key";
        return false;
    }
    for (YamlNode &document : file->documents) {
        std::vector<YamlNode *> stack{&document};
        while (!stack.empty()) {
            YamlNode *node = stack.back();
            stack.pop_back();
            node->fileIndex = int(index);
            for (YamlNode &item : node->items)
                stack.push_back(&item);
            for (auto &entry : node->entries)
                stack.push_back(&entry.second);
        }
        if (!document.isMapping())
            return fail(document, "a Compose file is a mapping with a services key, not " + std::string(document.typeName()));
        for (std::size_t i = 0; i < document.entries.size(); ++i) {
            const auto &[key, value] = document.entries[i];
            static const std::set<std::string_view> topLevel{"version", "name", "services", "networks", "volumes", "secrets", "configs", "include"};
            if (!topLevel.count(key) && !startsWith(key, "x-"))
                return fail(document.keyAt(i), extended ? std::string("extends: not a Compose file (an unknown top-level key, not shown)")
                                                        : "unknown top-level key \"" + key + "\"");
            if ((key == "services" || key == "networks" || key == "volumes" || key == "secrets" || key == "configs")
                && !value.isMapping() && !value.isNull())
                return fail(value, key + " must be a mapping, not " + std::string(value.typeName()));
            if (key == "include")
                skipped(value, "include is not followed; import the included files by naming them too");
        }
        if (const Status status = m_variables.interpolate(document, m_files[index]); !status) {
            m_error = status.error();
            return false;
        }
        for (auto &[key, services] : document.entries) {
            if (key != "services" || !services.isMapping())
                continue;
            for (auto &entry : services.entries)
                if (entry.second.isMapping() && !normaliseService(entry.second))
                    return false;
        }
        documents.push_back(std::move(document));
    }
    return true;
}

bool ComposeImporter::resolveExtends(YamlNode &services)
{
    for (auto &[name, service] : services.entries)
        if (service.isMapping() && !extendService(services, service, name, 0))
            return false;
    return true;
}

/** `extends`: the service starts from another one (in this project or another file) and its
 *  own keys merge over it, as for a later -f file. */
bool ComposeImporter::extendService(YamlNode &services, YamlNode &service, const std::string &name, int depth)
{
    const auto at = std::find_if(service.entries.begin(), service.entries.end(), [](const auto &e) { return e.first == "extends"; });
    if (at == service.entries.end())
        return true;
    const YamlNode extends = at->second;
    if (depth > 10)
        return fail(extends, "service " + name + ": extends goes more than 10 services deep (a cycle?)");
    std::string baseName;
    std::string file;
    const YamlNode *baseAt = &extends;
    const YamlNode *fileAt = nullptr;
    if (extends.isScalar()) {
        baseName = extends.scalar;
    } else if (extends.isMapping()) {
        baseAt = extends.find("service");
        if (!baseAt || !readText(*baseAt, "extends.service", baseName))
            return baseAt ? false : fail(extends, "service " + name + ": extends needs a service");
        fileAt = extends.find("file");
        if (fileAt && !readText(*fileAt, "extends.file", file))
            return false;
    } else {
        return fail(extends, "service " + name + ": extends is a service name or a mapping, not " + std::string(extends.typeName()));
    }
    YamlNode base;
    if (file.empty()) {
        const auto other = std::find_if(services.entries.begin(), services.entries.end(), [&](const auto &e) { return e.first == baseName; });
        if (other == services.entries.end() || !other->second.isMapping() || &other->second == &service)
            return fail(extends, "service " + name + " extends " + described(*baseAt) + ", which is not a service here");
        if (!extendService(services, other->second, baseName, depth + 1))
            return false;
        base = other->second;
    } else {
        // Only files inside the project: `extends: {file: /etc/shadow}` must not read it.
        const std::filesystem::path path = resolvePath(*fileAt, file).lexically_normal();
        const auto canonical = m_folder->resolve(path, "extends file " + shown(*fileAt));
        if (!canonical)
            return fail(*fileAt, canonical.error());
        // Messages name it as written; relative paths in it start from its own folder.
        const std::size_t from = std::size_t(fileAt->fileIndex);
        const std::filesystem::path shownFolder = from < m_given ? m_baseFolders[from] : std::filesystem::path(m_files[from]).parent_path();
        m_files.push_back((shownFolder / shown(*fileAt)).lexically_normal().string());
        m_paths.push_back(*canonical);
        m_baseFolders.push_back(path.parent_path());
        std::vector<YamlNode> documents;
        if (!readDocuments(m_files.size() - 1, documents))
            return false;
        YamlNode *found = nullptr;
        for (YamlNode &document : documents)
            for (auto &[key, value] : document.entries)
                if (key == "services" && value.isMapping())
                    for (auto &[otherName, otherService] : value.entries)
                        if (otherName == baseName && otherService.isMapping()) {
                            if (!extendService(value, otherService, otherName, depth + 1))
                                return false;
                            found = &otherService;
                        }
        if (!found)
            return fail(extends, "service " + name + " extends " + described(*baseAt) + ", which " + shown(*fileAt) + " does not define");
        base = *found;
    }
    // depends_on, links and volumes_from belong to the base's own project: Compose drops them.
    for (std::size_t i = base.entries.size(); i-- > 0;) {
        const std::string &key = base.entries[i].first;
        if (key == "depends_on" || key == "links" || key == "volumes_from" || key == "extends") {
            base.entries.erase(base.entries.begin() + std::ptrdiff_t(i));
            if (i < base.keyPositions.size())
                base.keyPositions.erase(base.keyPositions.begin() + std::ptrdiff_t(i));
        }
    }
    YamlNode own = service;
    const std::size_t index = std::size_t(at - service.entries.begin());
    own.entries.erase(own.entries.begin() + std::ptrdiff_t(index));
    if (index < own.keyPositions.size())
        own.keyPositions.erase(own.keyPositions.begin() + std::ptrdiff_t(index));
    merge(base, own, "");
    base.line = service.line;
    base.column = service.column;
    base.fileIndex = service.fileIndex;
    service = std::move(base);
    mapped(service, "service " + name + " extends " + shown(*baseAt) + (file.empty() ? std::string() : " from " + shown(*fileAt)));
    return true;
}

/** volumes_from: the service gets the other one's mounts, the Docker socket included. */
void ComposeImporter::inheritVolumes()
{
    for (Service &service : m_services) {
        for (const std::string &entry : service.volumesFrom) {
            if (startsWith(entry, "container:")) {
                skipped(*service.node, "service " + service.name + ": volumes_from " + shownName(entry)
                                           + " names a container outside the project; its mounts are unknown");
                continue;
            }
            const std::string name = entry.substr(0, entry.find(':'));
            const bool readOnly = entry.size() > name.size() && entry.substr(name.size() + 1) == "ro";
            const auto source = std::find_if(m_services.begin(), m_services.end(), [&](const Service &s) { return s.name == name; });
            if (source == m_services.end() || &*source == &service) {
                skipped(*service.node, "service " + service.name + ": volumes_from " + shownName(name) + ", which no file defines");
                continue;
            }
            if (const auto mounts = source->properties.find("hostPathMounts"); mounts != source->properties.end()) {
                for (std::string mount : std::get<StringList>(mounts->second)) {
                    if (readOnly && (mount.size() < 3 || mount.compare(mount.size() - 3, 3, ":ro") != 0))
                        mount += ":ro";
                    appendUnique(service.properties, "hostPathMounts", mount);
                }
                service.containerReasons.push_back("volumes from " + shownName(name));
            }
            for (const auto &[volume, target] : source->namedMounts)
                service.namedMounts.emplace_back(volume, target);
            if (source->mountsRuntimeSocket) {
                service.mountsRuntimeSocket = true;
                flag(*service.node, "service " + service.name + ": volumes_from " + shownName(name) + " brings in the container runtime's socket");
            }
            mapped(*service.node, "service " + service.name + ": mounts of " + shownName(name) + " (volumes_from) recorded");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The model

void ComposeImporter::buildModel()
{
    ThreatModel &model = m_result.model;
    // The project name as Compose picks it, normalised the way Compose normalises it.
    std::string project;
    if (const auto it = m_environment.find("COMPOSE_PROJECT_NAME"); it != m_environment.end())
        project = it->second;
    if (const YamlNode *name = m_project.find("name"); project.empty() && name && name->isScalar()) {
        // A name made from a variable would copy its value into the title and every network's
        // name: the folder names the project instead.
        if (m_variables.interpolated(*name))
            mapped(*name, "the project name " + shown(*name) + " comes from a variable; the folder's name is used instead");
        else
            project = name->scalar;
    }
    if (project.empty()) {
        std::filesystem::path folder = std::filesystem::absolute(m_folder->path()).lexically_normal();
        if (!folder.has_filename())
            folder = folder.parent_path();
        project = folder.filename().string();
    }
    std::string normalised;
    for (const char c : lower(project))
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')
            normalised += c;
    project = normalised.empty() ? std::string("project") : normalised;
    model.metadata().title = "Docker Compose: " + project;
    std::vector<std::string> names;
    for (const std::string &file : m_files)
        names.push_back(std::filesystem::path(file).filename().string());
    model.metadata().description = "Imported from " + joined(names) + ". Environment variable values were not imported.";

    auto addBoundary = [&](Boundary boundary) {
        model.insertBoundary(model.boundaries().size(), std::move(boundary));
    };
    auto addElement = [&](Element element) { model.insertElement(model.elements().size(), std::move(element)); };
    auto addFlow = [&](const std::string &source, const std::string &target, const std::string &name, PropertyMap properties) {
        Flow flow;
        flow.id = m_ids.make(source + "-to-" + target);
        flow.source = source;
        flow.target = target;
        flow.name = name;
        flow.properties = std::move(properties);
        model.insertFlow(model.flows().size(), std::move(flow));
    };

    Boundary host;
    host.id = m_ids.make("docker-host");
    host.kind = "host";
    host.name = "Docker host";
    host.properties["nodeRole"] = std::string("standalone");
    addBoundary(host);

    Element engine;
    engine.id = m_ids.make("docker-engine");
    engine.kind = "container-runtime";
    engine.name = "Docker Engine";
    engine.boundary = host.id;
    engine.properties["product"] = std::string("dockerd");
    addElement(engine);

    // Networks: declared ones in order, plus "default" when a service uses it. Looked up in
    // maps, not by scanning: one service on 5,000 networks must not cost 25 million steps.
    std::map<std::string, std::string> networkIds;
    std::vector<std::string> networkOrder;
    std::map<std::string, const YamlNode *> declarations;
    const YamlNode *declaredNetworks = m_project.find("networks");
    if (declaredNetworks && declaredNetworks->isMapping()) {
        for (const auto &entry : declaredNetworks->entries) {
            if (declarations.emplace(entry.first, &entry.second).second)
                networkOrder.push_back(entry.first);
        }
    }
    std::set<std::string> listed(networkOrder.begin(), networkOrder.end());
    for (Service &service : m_services) {
        if (service.networks.empty() && (service.networkMode.empty() || service.networkMode == "bridge"))
            service.networks.push_back("default");
        for (const std::string &network : service.networks)
            if (listed.insert(network).second)
                networkOrder.push_back(network);
    }
    for (const std::string &network : networkOrder) {
        Boundary boundary;
        boundary.id = m_ids.make("network-" + shownName(network));
        boundary.kind = "container-network";
        boundary.name = project + "_" + shownName(network) + " network";
        boundary.parent = host.id;
        boundary.properties["driver"] = std::string("bridge");
        const auto declared = declarations.find(network);
        const YamlNode *declaration = declared == declarations.end() ? nullptr : declared->second;
        if (declaration && declaration->isMapping()) {
            if (const YamlNode *driver = declaration->find("driver"); driver && driver->isScalar()) {
                static const std::set<std::string> drivers{"bridge", "overlay", "host", "none", "macvlan", "ipvlan"};
                if (drivers.count(driver->scalar))
                    boundary.properties["driver"] = driver->scalar;
            }
            if (const YamlNode *internal = declaration->find("internal"); internal && internal->isScalar())
                boundary.properties["internal"] = lower(internal->scalar) == "true";
            if (const YamlNode *options = declaration->find("driver_opts"); options && options->isMapping())
                if (const YamlNode *encrypted = options->find("encrypted"))
                    boundary.properties["encrypted"] = !encrypted->isScalar() || lower(encrypted->scalar) != "false";
            if (const YamlNode *external = declaration->find("external"); external && external->isScalar() && lower(external->scalar) == "true")
                appendNote(boundary.properties, "Created outside this project (external: true).");
            mapped(*declaration, "network " + shownName(network) + " → container network boundary");
        }
        networkIds[network] = boundary.id;
        addBoundary(boundary);
    }

    // Elements for services.
    std::map<std::string, const Service *> byName;
    for (const Service &service : m_services)
        byName.emplace(service.name, &service);
    // The other networks of a service, naming ten at most: it may be on thousands.
    auto otherNetworks = [this](const std::vector<std::string> &networks) {
        constexpr std::size_t named = 10;
        const auto end = networks.begin() + static_cast<std::ptrdiff_t>(std::min(networks.size(), named + 1));
        return joined(shownNames({networks.begin() + 1, end})) + (networks.size() > named + 1 ? " and " + std::to_string(networks.size() - named - 1) + " more" : "");
    };
    for (Service &service : m_services) {
        Element element;
        element.id = service.id;
        element.name = service.name;
        element.kind = "container";
        // network_mode: service:NAME joins that service's network namespace, so it sits where
        // that service sits; host, none and container:… put it on the host.
        const Service *placedLike = &service;
        if (startsWith(service.networkMode, "service:")) {
            const std::string other = service.networkMode.substr(8);
            const auto it = byName.find(other);
            if (it != byName.end() && it->second->networkMode.empty())
                placedLike = it->second;
            const std::string shownMode = shownName(service.networkMode);
            mapped(*service.node, "service " + service.name + " shares the network of "
                                      + (shownMode == service.networkMode ? "service " + other : shownMode));
        } else if (startsWith(service.networkMode, "container:")) {
            skipped(*service.node, "service " + service.name + ": network_mode " + shownName(service.networkMode)
                                       + " joins a container outside the project; drawn on the host");
        }
        const bool ownNetwork = placedLike->networkMode.empty() || placedLike->networkMode == "bridge";
        element.boundary = ownNetwork && !placedLike->networks.empty() ? networkIds[placedLike->networks.front()] : host.id;
        if (service.networks.size() > 1)
            mapped(*service.node, "service " + service.name + " is also on " + otherNetworks(service.networks)
                                      + "; it is drawn in " + shownName(service.networks.front()) + " (an element sits in one boundary)");
        const auto role = service.image.empty() ? std::nullopt : wellKnownImage(service.image);
        if (role && service.containerReasons.empty()) {
            element.kind = role->kind;
            service.kind = role->kind;
            element.properties["product"] = role->product;
            const std::string ref = std::get<std::string>(service.properties.at("image.ref"));
            appendNote(element.properties, "Runs the image " + ref + ".");
            if (const auto notes = service.properties.find("notes"); notes != service.properties.end())
                appendNote(element.properties, std::get<std::string>(notes->second));
            const bool everywhere = std::any_of(service.ports.begin(), service.ports.end(),
                                                [](const PublishedPort &port) { return port.allInterfaces; });
            if (role->kind != "ingress" && role->kind != "registry" && role->kind != "secrets-store")
                element.properties["bindAll"] = tri(everywhere);
            mapped(*service.node, "service " + service.name + " → " + role->kind + " (well-known image " + service.shownImage + ")");
        } else {
            element.properties = service.properties;
            if (role)
                mapped(*service.node, "service " + service.name + " → container: the image " + service.shownImage + " would make it "
                                          + (role->kind == "ingress" ? "an " : "a ") + role->kind
                                          + ", but it stays a container for the risks a container holds: " + joined(service.containerReasons));
            else
                mapped(*service.node, "service " + service.name + " → container");
        }
        addElement(element);
    }

    // Named volumes, secrets and their flows.
    std::map<std::string, std::string> volumeIds;
    std::map<std::string, int> volumeUsers;
    std::map<std::string, bool> volumeWritable;
    for (const Service &service : m_services) {
        for (const auto &[volume, target] : service.namedMounts) {
            ++volumeUsers[volume];
            volumeWritable[volume] = volumeWritable[volume] || target.size() < 3 || target.substr(target.size() - 3) != ":ro";
        }
    }
    const YamlNode *declaredVolumes = m_project.find("volumes");
    for (const auto &[volume, users] : volumeUsers) {
        Element element;
        element.id = m_ids.make("volume-" + shownName(volume));
        element.kind = "volume";
        element.name = shownName(volume) + " volume";
        element.boundary = host.id;
        element.properties["volumeType"] = std::string("namedVolume");
        element.properties["readOnly"] = !volumeWritable[volume];
        element.properties["sharedBetweenWorkloads"] = tri(users > 1);
        if (!declaredVolumes || !declaredVolumes->find(volume))
            appendNote(element.properties, "Not declared under the top-level volumes key.");
        volumeIds[volume] = element.id;
        addElement(element);
    }
    for (const Service &service : m_services) {
        for (const auto &[volume, target] : service.namedMounts) {
            PropertyMap properties;
            properties["protocol"] = std::string("other");
            addFlow(service.id, volumeIds[volume], "mounts " + shownName(volume) + " at " + target, properties);
        }
        if (service.mountsRuntimeSocket) {
            PropertyMap properties;
            properties["protocol"] = std::string("dockerApi");
            properties["authentication"] = std::string("none");
            addFlow(service.id, engine.id, "Docker API through the mounted socket", properties);
        }
    }
    bool anySecrets = std::any_of(m_services.begin(), m_services.end(), [](const Service &s) { return !s.secretsUsed.empty(); });
    if (anySecrets) {
        Element store;
        store.id = m_ids.make("compose-secrets");
        store.kind = "secrets-store";
        store.name = "Compose secrets";
        store.boundary = host.id;
        store.properties["product"] = std::string("other");
        std::vector<std::string> sources;
        if (const YamlNode *secrets = m_project.find("secrets"); secrets && secrets->isMapping()) {
            for (const auto &[name, definition] : secrets->entries) {
                if (const YamlNode *file = definition.find("file"); file && file->isScalar())
                    sources.push_back(name + " from the file " + shown(*file));
                else if (const YamlNode *variable = definition.find("environment"); variable && variable->isScalar())
                    sources.push_back(name + " from the variable " + shown(*variable));
                else
                    sources.push_back(name + " (external)");
            }
        }
        if (!sources.empty())
            appendNote(store.properties, "Secrets: " + joined(sources) + ".");
        addElement(store);
        for (const Service &service : m_services) {
            for (const std::string &secret : service.secretsUsed) {
                PropertyMap properties;
                properties["protocol"] = std::string("other");
                properties["carriesSecrets"] = true;
                addFlow(store.id, service.id, "secret " + shownName(secret) + " at /run/secrets/" + shownName(secret), properties);
            }
        }
    }

    // Published ports: from whoever can reach the host, or only from the host itself.
    std::string networkClient;
    std::string localClient;
    for (const Service &service : m_services) {
        for (const PublishedPort &port : service.ports) {
            const bool loopback = port.loopback;
            std::string &client = loopback ? localClient : networkClient;
            if (client.empty()) {
                Element external;
                external.id = m_ids.make(loopback ? "host-local-client" : "network-client");
                external.kind = "external-user";
                external.name = loopback ? "Local client on the Docker host" : "Network client";
                appendNote(external.properties, loopback ? "Users and processes on the Docker host itself: these ports are bound to loopback."
                                                         : "Anyone who can reach the Docker host on its published ports.");
                client = external.id;
                addElement(external);
            }
            PropertyMap properties;
            const std::string protocol = protocolForPort(port.containerPort, port.protocol);
            properties["protocol"] = protocol;
            if (const std::optional<long> number = portDigits(port.hostPort))
                properties["port"] = std::int64_t(*number);
            properties["notes"] = "Published on " + port.bind + ":" + (port.hostPort.empty() ? std::string("(random port)") : port.hostPort)
                                  + " to container port " + std::to_string(port.containerPort) + "/" + port.protocol + ".";
            addFlow(client, service.id, (port.hostPort.empty() ? std::string("random port") : "port " + port.hostPort) + " → "
                                            + std::to_string(port.containerPort) + "/" + port.protocol + " on " + port.bind,
                    properties);
        }
    }

    // depends_on and links: the service talks to the other one.
    for (const Service &service : m_services) {
        std::set<std::string> seen;
        for (const std::string &dependency : service.dependencies) {
            if (!seen.insert(dependency).second)
                continue;
            const auto target = byName.find(dependency);
            if (target == byName.end()) {
                skipped(*service.node, "service " + service.name + " depends on " + shownName(dependency) + ", which no file defines");
                continue;
            }
            PropertyMap properties;
            std::string protocol = "other";
            if (const auto role = target->second->image.empty() ? std::nullopt : wellKnownImage(target->second->image))
                protocol = protocolForProduct(role->product);
            long port = target->second->exposed.size() == 1 ? target->second->exposed.front()
                        : target->second->ports.size() == 1 ? target->second->ports.front().containerPort
                                                             : 0;
            if (protocol == "other" && port > 0)
                protocol = protocolForPort(port, "tcp");
            properties["protocol"] = protocol;
            if (port > 0)
                properties["port"] = std::int64_t(port);
            addFlow(service.id, target->second->id, service.name + " uses " + shownName(dependency), properties);
        }
    }
    for (const std::string &variable : m_variables.unset())
        m_result.report.flagged.push_back({m_files.front(), "variable " + variable + " is not set; an empty string was used"});
}

Result<ImportResult> ComposeImporter::run()
{
    if (m_files.empty())
        return Result<ImportResult>::failure("no Compose file given");
    if (!openProject() || !readDotEnv())
        return Result<ImportResult>::failure(m_error);
    bool first = true;
    for (std::size_t index = 0; index < m_given; ++index) {
        std::vector<YamlNode> documents;
        if (!readDocuments(index, documents))
            return Result<ImportResult>::failure(m_error);
        // Several documents in one file merge in order, as Compose reads them.
        for (YamlNode &document : documents) {
            if (first)
                m_project = std::move(document);
            else
                merge(m_project, document, "");
            first = false;
        }
    }
    dropResets(m_project);
    for (auto &[key, services] : m_project.entries)
        if (key == "services" && services.isMapping() && !resolveExtends(services))
            return Result<ImportResult>::failure(m_error);
    const YamlNode *services = m_project.find("services");
    if (!services || !services->isMapping() || services->entries.empty())
        return Result<ImportResult>::failure(m_files.front() + ": no services to import");
    for (const auto &[name, node] : services->entries) {
        Service service;
        service.name = name;
        service.node = &node;
        service.id = m_ids.make(name);
        m_services.push_back(std::move(service));
    }
    for (Service &service : m_services)
        if (!mapService(service))
            return Result<ImportResult>::failure(m_error);
    inheritVolumes();
    buildModel();
    return std::move(m_result);
}

} // namespace

Result<ImportResult> importCompose(const std::vector<std::string> &files,
                                   const std::map<std::string, std::string> &environment,
                                   const ComposeImportOptions &options)
{
    return refuseOverBudget(ComposeImporter(files, environment, options).run(), files.empty() ? std::string() : files.front());
}

} // namespace bulkhead
