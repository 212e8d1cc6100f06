#include "importsupport.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <vector>

namespace bulkhead {

namespace {

std::string upper(std::string_view text)
{
    std::string result(text);
    for (char &c : result)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return result;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/** "docker.io/library/postgres:16@sha256:…" → "postgres"; "bitnami/redis" → "redis". */
std::string repositoryName(std::string_view image)
{
    if (const auto at = image.find('@'); at != std::string_view::npos)
        image = image.substr(0, at);
    const auto slash = image.rfind('/');
    std::string_view last = slash == std::string_view::npos ? image : image.substr(slash + 1);
    if (const auto colon = last.find(':'); colon != std::string_view::npos)
        last = last.substr(0, colon);
    std::string name(last);
    for (char &c : name)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

} // namespace

bool looksSecret(std::string_view name)
{
    const std::string n = upper(name);
    if (endsWith(n, "_FILE") || endsWith(n, "_PATH") || endsWith(n, "_DIR"))
        return false;
    static constexpr std::array markers{"PASSWORD",   "PASSWD",     "PASSPHRASE", "SECRET",
                                        "TOKEN",      "API_KEY",    "APIKEY",     "PRIVATE_KEY",
                                        "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY"};
    for (const char *marker : markers)
        if (n.find(marker) != std::string::npos)
            return true;
    // A bare "…_PWD" or "…_PASS" word, not PWD the working directory.
    return endsWith(n, "_PWD") || endsWith(n, "_PASS") || n == "PASS";
}

std::string normaliseHostPath(std::string_view path)
{
    if (path.empty() || path.front() != '/')
        return std::string(path);
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string normal;
    for (const std::string_view part : parts)
        normal += "/" + std::string(part);
    return normal.empty() ? "/" : normal;
}

namespace {

/** A sensitive host path: the well-known location it lies in, and why that is dangerous. */
struct SensitivePath
{
    std::string location;
    std::string why;
};

std::optional<SensitivePath> classifyHostPath(std::string_view path)
{
    const std::string p = normaliseHostPath(path);
    struct Socket
    {
        const char *name;
        const char *location;
    };
    static constexpr std::array sockets{
        Socket{"docker.sock", "/var/run/docker.sock"},
        Socket{"containerd.sock", "/run/containerd/containerd.sock"},
        Socket{"crio.sock", "/var/run/crio/crio.sock"},
        Socket{"podman.sock", "/run/podman/podman.sock"},
    };
    for (const Socket &socket : sockets)
        if (p.find(socket.name) != std::string::npos)
            return SensitivePath{socket.location,
                                 "the container runtime's socket: whoever can write to it controls "
                                 "every container and the host"};
    if (p == "/")
        return SensitivePath{"/", "the host's whole filesystem"};
    struct Known
    {
        const char *prefix;
        const char *why;
    };
    static constexpr std::array known{
        Known{"/etc", "host configuration (users, sudoers, SSH, cron)"},
        Known{"/proc", "the host's process and kernel interface"},
        Known{"/sys", "the host's kernel and device interface"},
        Known{"/var/lib/docker", "every container's filesystem and the daemon's state"},
        Known{"/var/lib/containerd", "every container's filesystem"},
        Known{"/var/lib/kubelet", "the kubelet's state and every pod's secrets"},
        Known{"/lib/modules", "kernel modules"},
        Known{"/usr/lib/modules", "kernel modules"},
        Known{"/boot", "the host's kernel and boot loader"},
        Known{"/root", "root's home directory"},
        Known{"/dev", "host devices"},
        Known{"/var/run", "host runtime sockets"},
        Known{"/run", "host runtime sockets"},
        Known{"/var/log", "host logs"},
    };
    for (const Known &k : known) {
        const std::string_view prefix = k.prefix;
        if (p == prefix
            || (p.size() > prefix.size() && p.compare(0, prefix.size(), prefix) == 0
                && p[prefix.size()] == '/'))
            return SensitivePath{std::string(prefix), k.why};
    }
    // A parent holds what is sensitive below it: /var holds /var/lib/docker and /var/run.
    for (const Known &k : known) {
        const std::string_view sensitive = k.prefix;
        if (p.size() < sensitive.size() && sensitive.compare(0, p.size(), p) == 0
            && sensitive[p.size()] == '/')
            return SensitivePath{p, "a parent of " + std::string(sensitive) + " — " + k.why};
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> sensitiveHostPath(std::string_view path)
{
    if (auto sensitive = classifyHostPath(path))
        return std::move(sensitive->why);
    return std::nullopt;
}

std::optional<std::string> sensitiveHostLocation(std::string_view path)
{
    if (auto sensitive = classifyHostPath(path))
        return std::move(sensitive->location);
    return std::nullopt;
}

std::optional<std::string> sensitiveDevice(std::string_view path)
{
    const std::string p = normaliseHostPath(path);
    if (p == "/dev")
        return "every host device";
    struct Known
    {
        const char *prefix;
        const char *why;
    };
    // Raw access to these reads or rewrites the host whatever the container's other limits.
    static constexpr std::array known{
        Known{"/dev/mem", "the host's physical memory"},
        Known{"/dev/kmem", "the kernel's memory"},
        Known{"/dev/port", "the host's I/O ports"},
        Known{"/dev/kmsg", "the kernel log"},
        Known{"/dev/cpu", "the CPUs' model-specific registers"},
        Known{"/dev/disk", "a host disk"},
        Known{"/dev/mapper", "a host disk"},
        Known{"/dev/sd", "a host disk"},
        Known{"/dev/hd", "a host disk"},
        Known{"/dev/vd", "a host disk"},
        Known{"/dev/xvd", "a host disk"},
        Known{"/dev/nvme", "a host disk"},
        Known{"/dev/mmcblk", "a host disk"},
        Known{"/dev/dm-", "a host disk"},
        Known{"/dev/md", "a host disk"},
        Known{"/dev/loop", "a host disk image"},
    };
    for (const Known &k : known)
        if (p.rfind(k.prefix, 0) == 0)
            return std::string(k.why);
    return std::nullopt;
}

std::optional<ImageRole> wellKnownImage(std::string_view image)
{
    const std::string name = repositoryName(image);
    struct Known
    {
        const char *repository;
        const char *kind;
        const char *product;
    };
    static constexpr std::array known{
        Known{"postgres", "database", "postgres"},
        Known{"postgis", "database", "postgres"},
        Known{"postgresql", "database", "postgres"},
        Known{"mysql", "database", "mysql"},
        Known{"mariadb", "database", "mariadb"},
        Known{"mongo", "database", "mongodb"},
        Known{"mongodb", "database", "mongodb"},
        Known{"mssql-server", "database", "mssql"},
        Known{"cassandra", "database", "cassandra"},
        Known{"elasticsearch", "database", "elasticsearch"},
        Known{"redis", "cache", "redis"},
        Known{"redis-stack", "cache", "redis"},
        Known{"valkey", "cache", "valkey"},
        Known{"memcached", "cache", "memcached"},
        Known{"rabbitmq", "message-queue", "rabbitmq"},
        Known{"kafka", "message-queue", "kafka"},
        Known{"cp-kafka", "message-queue", "kafka"},
        Known{"nats", "message-queue", "nats"},
        Known{"activemq", "message-queue", "activemq"},
        Known{"registry", "registry", "distribution"},
        Known{"harbor-core", "registry", "harbor"},
        Known{"vault", "secrets-store", "vault"},
        Known{"nginx", "ingress", "other"},
        Known{"traefik", "ingress", "other"},
        Known{"haproxy", "ingress", "other"},
        Known{"envoy", "ingress", "other"},
        Known{"caddy", "ingress", "other"},
        Known{"ingress-nginx", "ingress", "ingressController"},
        Known{"loki", "log-store", "loki"},
    };
    for (const Known &k : known)
        if (name == k.repository)
            return ImageRole{k.kind, k.product};
    return std::nullopt;
}

void setImageProperties(PropertyMap &properties, std::string_view image, bool builtLocally)
{
    properties["image.ref"] = std::string(image);
    properties["image.pinnedByDigest"] = tri(image.find("@sha256:") != std::string_view::npos);
    std::string_view repository = image.substr(0, image.find('@'));
    const auto slash = repository.find('/');
    // A first path part with a dot, a colon or "localhost" names a registry host.
    const std::string_view first = slash == std::string_view::npos ? std::string_view()
                                                                   : repository.substr(0, slash);
    const bool ownRegistry = !first.empty()
                             && (first.find('.') != std::string_view::npos
                                 || first.find(':') != std::string_view::npos
                                 || first == "localhost")
                             && first != "docker.io" && first != "index.docker.io";
    std::string source = "unknown";
    if (builtLocally) {
        source = "internalBuilt";
    } else if (!ownRegistry) {
        std::string_view path = repository;
        if (first == "docker.io" || first == "index.docker.io")
            path = repository.substr(slash + 1);
        const bool official = path.find('/') == std::string_view::npos
                              || path.rfind("library/", 0) == 0;
        source = official ? "officialPublic" : "publicUnverified";
    }
    properties["image.source"] = source;
}

std::optional<std::string> wellKnownPortProtocol(long port)
{
    static const std::map<long, std::string> byPort{
        {22, "ssh"},         {53, "dns"},         {80, "http"},       {443, "https"},
        {2375, "dockerApi"}, {2376, "dockerApi"}, {2379, "etcd"},     {3000, "http"},
        {3306, "mysql"},     {5000, "http"},      {5432, "postgres"}, {5672, "amqp"},
        {6379, "redis"},     {6443, "kubeApi"},   {8000, "http"},     {8080, "http"},
        {8443, "https"},     {9092, "kafka"}};
    if (const auto it = byPort.find(port); it != byPort.end())
        return it->second;
    return std::nullopt;
}

std::string IdAllocator::make(std::string_view name)
{
    std::string base;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            base += static_cast<char>(std::tolower(u));
        else if (!base.empty() && base.back() != '-')
            base += '-';
    }
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    if (base.empty())
        base = "item";
    std::string id = base;
    int &next = m_nextSuffix.try_emplace(base, 2).first->second;
    while (m_used.count(id))
        id = base + "-" + std::to_string(next++);
    m_used.insert(id);
    return id;
}

void appendUnique(PropertyMap &properties, const std::string &name, const std::string &value)
{
    auto it = properties.find(name);
    if (it == properties.end() || !std::holds_alternative<StringList>(it->second))
        it = properties.insert_or_assign(name, StringList{}).first;
    auto &list = std::get<StringList>(it->second);
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

void appendNote(PropertyMap &properties, const std::string &text)
{
    auto it = properties.find("notes");
    if (it == properties.end() || !std::holds_alternative<std::string>(it->second)) {
        properties["notes"] = text;
        return;
    }
    auto &notes = std::get<std::string>(it->second);
    notes += notes.empty() ? text : "\n" + text;
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string joined(const std::vector<std::string> &items, std::string_view separator)
{
    std::string text;
    for (const std::string &item : items) {
        if (!text.empty())
            text += separator;
        text += item;
    }
    return text;
}

std::vector<std::string> fileNames(const std::vector<std::string> &paths)
{
    std::vector<std::string> names;
    for (const std::string &path : paths)
        names.push_back(std::filesystem::path(path).filename().string());
    return names;
}

} // namespace bulkhead
