#include "import/compose/composeservicemapper.h"

#include "import/compose/composecredentials.h"
#include "import/compose/composeports.h"
#include "import/importsupport.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <utility>

namespace bulkhead {

namespace {

/** Service keys of the Compose specification that say nothing a threat model records. */
const std::set<std::string_view> &unmappedServiceKeys()
{
    static const std::set<std::string_view> keys{"annotations",
                                                 "attach",
                                                 "blkio_config",
                                                 "cgroup_parent",
                                                 "container_name",
                                                 "cpu_count",
                                                 "cpu_percent",
                                                 "cpu_period",
                                                 "cpu_quota",
                                                 "cpu_rt_period",
                                                 "cpu_rt_runtime",
                                                 "cpu_shares",
                                                 "cpuset",
                                                 "credential_spec",
                                                 "develop",
                                                 "device_cgroup_rules",
                                                 "dns",
                                                 "dns_opt",
                                                 "dns_search",
                                                 "domainname",
                                                 "driver_opts",
                                                 "external_links",
                                                 "extra_hosts",
                                                 "gpus",
                                                 "group_add",
                                                 "hostname",
                                                 "init",
                                                 "isolation",
                                                 "label_file",
                                                 "logging",
                                                 "mac_address",
                                                 "mem_reservation",
                                                 "mem_swappiness",
                                                 "memswap_limit",
                                                 "models",
                                                 "oom_kill_disable",
                                                 "oom_score_adj",
                                                 "platform",
                                                 "post_start",
                                                 "pre_stop",
                                                 "profiles",
                                                 "provider",
                                                 "pull_refresh_after",
                                                 "scale",
                                                 "shm_size",
                                                 "stdin_open",
                                                 "stop_grace_period",
                                                 "stop_signal",
                                                 "storage_opt",
                                                 "sysctls",
                                                 "tmpfs",
                                                 "tty",
                                                 "ulimits",
                                                 "working_dir"};
    return keys;
}

/** Docker's defaults, stated so that rules see them rather than "unknown". */
void setDockerDefaults(PropertyMap &p)
{
    p["platform"] = std::string("docker");
    p["privileged"] = false;
    p["seccompProfile"] = std::string("runtimeDefault");
    p["allowPrivilegeEscalation"] = std::string("yes");
    p["readOnlyRootFilesystem"] = false;
    p["capDropAll"] = false;
    p["automountSAToken"] = std::string("no");
}

/** A volume entry as written; the shown forms are what the model and report may show. */
struct VolumeSpec
{
    std::string type;
    std::string source;
    std::string target;
    // As the model and report may show them: a variable's value stays ${NAME}.
    std::string shownType;
    std::string shownSource;
    std::string shownTarget;
    bool readOnly = false;
};

/** SOURCE:TARGET[:MODE], or just TARGET for an anonymous volume. */
VolumeSpec readShortVolume(const ComposeInput &input, const YamlNode &entry)
{
    VolumeSpec volume;
    const std::vector<std::string> parts = splitOn(entry.scalar, ':');
    std::vector<std::string> shownParts = splitOn(input.shown(entry), ':');
    if (shownParts.size() != parts.size())
        shownParts.assign(parts.size(), input.shown(entry));
    if (parts.size() == 1) {
        volume.target = parts[0];
        volume.shownTarget = shownParts[0];
    } else {
        volume.source = parts[0];
        volume.shownSource = shownParts[0];
        volume.target = parts[1];
        volume.shownTarget = shownParts[1];
        if (parts.size() > 2) {
            const std::string &mode = parts[2];
            volume.readOnly = mode == "ro" || mode.starts_with("ro,")
                              || mode.find(",ro") != std::string::npos;
        }
    }
    const std::string &source = volume.source;
    volume.type = source.empty() ? "volume"
                  : (source.starts_with("/") || source.starts_with(".") || source.starts_with("~"))
                      ? "bind"
                      : "volume";
    volume.shownType = volume.type;
    return volume;
}

/** {type, source, target, read_only, …}. */
void readLongVolume(ComposeInput &input, const YamlNode &entry, VolumeSpec &volume)
{
    for (const auto &[key, value] : entry.entries) {
        if (key == "type") {
            volume.type = input.readText(value, "volume type");
            volume.shownType = input.shown(value);
        } else if (key == "source") {
            volume.source = input.readText(value, "volume source");
            volume.shownSource = input.shown(value);
            input.variables.rememberName(value, volume.source);
        } else if (key == "target") {
            volume.target = input.readText(value, "volume target");
            volume.shownTarget = input.shown(value);
        } else if (key == "read_only") {
            volume.readOnly = input.readBool(value, "read_only");
        } else if (key != "bind" && key != "volume" && key != "tmpfs" && key != "consistency"
                   && key != "image" && !key.starts_with("x-")) {
            input.fail(value, "unknown volume key \"" + key + "\"");
        }
    }
    if (volume.type.empty())
        input.fail(entry, "a volume in long syntax needs a type");
}

} // namespace

const std::map<std::string_view, ComposeServiceMapper::Handler> &ComposeServiceMapper::handlers()
{
    using M = ComposeServiceMapper;
    static const std::map<std::string_view, Handler> table{
        {"build", &M::mapBuild},
        {"cap_add", &M::mapCapabilities},
        {"cap_drop", &M::mapCapabilities},
        {"cgroup", &M::mapCgroup},
        {"command", &M::mapCommand},
        {"configs", &M::mapSecretsOrConfigs},
        {"cpus", &M::mapLimit},
        {"depends_on", &M::mapDependencies},
        {"deploy", &M::mapDeploy},
        {"devices", &M::mapDevices},
        {"entrypoint", &M::mapCommand},
        {"env_file", &M::mapNothing},
        {"environment", &M::mapNothing},
        {"expose", &M::mapExpose},
        {"healthcheck", &M::mapHealthcheck},
        {"image", &M::mapImage},
        {"labels", &M::mapNothing},
        {"ipc", &M::mapHostNamespace},
        {"links", &M::mapDependencies},
        {"mem_limit", &M::mapLimit},
        {"network_mode", &M::mapNetworkMode},
        {"networks", &M::mapNetworks},
        {"pid", &M::mapHostNamespace},
        {"pids_limit", &M::mapLimit},
        {"ports", &M::mapPorts},
        {"privileged", &M::mapPrivileged},
        {"pull_policy", &M::mapPullPolicy},
        {"read_only", &M::mapReadOnly},
        {"restart", &M::mapRestart},
        {"runtime", &M::mapRuntime},
        {"secrets", &M::mapSecretsOrConfigs},
        {"security_opt", &M::mapSecurityOptions},
        {"use_api_socket", &M::mapApiSocket},
        {"user", &M::mapUser},
        {"userns_mode", &M::mapHostNamespace},
        {"uts", &M::mapHostNamespace},
        {"volumes", &M::mapVolumes},
        {"volumes_from", &M::mapVolumesFrom},
    };
    return table;
}

void ComposeServiceMapper::map(ComposeService &service)
{
    const YamlNode &node = *service.node;
    if (!node.isMapping())
        m_input.fail(node, "service " + service.name + " must be a mapping, not "
                               + std::string(node.typeName()));
    setDockerDefaults(service.properties);
    std::vector<std::string> unmapped;
    for (const auto &[key, value] : node.entries) {
        // "key:" with nothing after it means the key is absent.
        if (key.starts_with("x-") || value.isNull())
            continue;
        if (unmappedServiceKeys().count(key)) {
            unmapped.push_back(key);
            continue;
        }
        const auto handler = handlers().find(key);
        if (handler == handlers().end())
            m_input.fail(value, "service " + service.name + ": unknown key \"" + key + "\"");
        (this->*handler->second)(service, key, value);
    }
    if (!service.ports.empty()
        && (service.networkMode == "none" || service.networkMode == "host")) {
        // Docker ignores published ports without a network of the container's own: with none
        // nothing is reachable; with host every listening port is, on the host's addresses.
        m_input.skipped(node, "service " + service.name
                                  + ": ports ignored, as Docker does, with network_mode "
                                  + service.networkMode
                                  + (service.networkMode == "host"
                                         ? " (every port it listens on is open on the host)"
                                         : ""));
        service.ports.clear();
        service.properties.erase("publishedPorts");
    }
    mapEnvironment(service);
    if (service.image.empty() && !service.built)
        m_input.fail(node, "service " + service.name + " has neither image nor build");
    finishService(service, unmapped);
}

/** The image properties, and the keys the service has that the import does not map. */
void ComposeServiceMapper::finishService(ComposeService &service,
                                         const std::vector<std::string> &unmapped)
{
    PropertyMap &p = service.properties;
    const std::string image = service.image.empty() ? service.name + " (built from source)"
                                                    : service.image;
    setImageProperties(p, image, service.built, m_input.catalog->images());
    // Pinned or not and where it comes from are read from the image itself; its name is shown as written.
    if (!service.image.empty())
        p["image.ref"] = service.shownImage;
    if (!unmapped.empty())
        m_input.skipped(*service.node, "service " + service.name + ": " + joined(unmapped)
                                           + " not mapped (no bearing on the threat model)");
}

void ComposeServiceMapper::mapImage(ComposeService &service, const std::string &,
                                    const YamlNode &value)
{
    service.image = m_input.readText(value, "image");
    service.shownImage = m_input.shown(value);
}

void ComposeServiceMapper::mapBuild(ComposeService &service, const std::string &, const YamlNode &)
{
    service.built = true;
}

void ComposeServiceMapper::mapUser(ComposeService &service, const std::string &,
                                   const YamlNode &value)
{
    const std::string &user = m_input.readText(value, "user");
    // An empty user (often an unset ${UID}) leaves the image's user in place.
    if (!user.empty()) {
        service.properties["runAsUser"] = m_input.shown(value);
        const std::string name = user.substr(0, user.find(':'));
        service.properties["runAsNonRoot"] = std::string(name == "root" || name == "0" ? "no"
                                                                                       : "yes");
    }
}

void ComposeServiceMapper::mapPrivileged(ComposeService &service, const std::string &,
                                         const YamlNode &value)
{
    const bool privileged = m_input.readBool(value, "privileged");
    service.properties["privileged"] = privileged;
    if (privileged) {
        m_input.flag(value,
                     "service " + service.name
                         + ": runs privileged — root on the host for anyone in the container");
    }
}

void ComposeServiceMapper::mapCapabilities(ComposeService &service, const std::string &key,
                                           const YamlNode &value)
{
    const std::vector<const YamlNode *> items = m_input.readTextItems(value, key);
    for (const YamlNode *item : items) {
        std::string capability = item->scalar;
        for (char &c : capability)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (capability.starts_with("CAP_"))
            capability.erase(0, 4);
        if (key == "cap_drop" && capability == "ALL")
            service.properties["capDropAll"] = true;
        const std::string recorded = m_input.shown(*item, capability);
        appendUnique(service.properties,
                     key == "cap_add" ? "capabilitiesAdded" : "capabilitiesDropped", recorded);
    }
}

void ComposeServiceMapper::mapReadOnly(ComposeService &service, const std::string &,
                                       const YamlNode &value)
{
    service.properties["readOnlyRootFilesystem"] = m_input.readBool(value, "read_only");
}

void ComposeServiceMapper::mapSecurityOptions(ComposeService &service, const std::string &,
                                              const YamlNode &list)
{
    const std::vector<const YamlNode *> items = m_input.readTextItems(list, "security_opt");
    PropertyMap &p = service.properties;
    for (const YamlNode *item : items) {
        std::string option = item->scalar;
        std::replace(option.begin(), option.end(), '=', ':');
        if (option == "seccomp:unconfined") {
            p["seccompProfile"] = std::string("unconfined");
            m_input.flag(list, "service " + service.name
                                   + ": seccomp is switched off (seccomp:unconfined)");
        } else if (option.starts_with("seccomp:")) {
            p["seccompProfile"] = std::string("localhost");
        } else if (option == "apparmor:unconfined") {
            p["appArmor"] = std::string("unconfined");
            m_input.flag(list, "service " + service.name
                                   + ": AppArmor is switched off (apparmor:unconfined)");
        } else if (option.starts_with("apparmor:")) {
            p["appArmor"] = std::string("custom");
        } else if (option == "no-new-privileges" || option == "no-new-privileges:true") {
            p["allowPrivilegeEscalation"] = std::string("no");
        } else if (option == "no-new-privileges:false") {
            p["allowPrivilegeEscalation"] = std::string("yes");
        } else if (option.starts_with("label:disable")) {
            p["selinux"] = std::string("disabled");
        } else {
            m_input.skipped(list, "service " + service.name + ": security_opt \""
                                      + m_input.shown(*item, option) + "\" not mapped");
        }
    }
}

/** pid, ipc, uts and userns_mode: "host" shares the host's namespace. */
void ComposeServiceMapper::mapHostNamespace(ComposeService &service, const std::string &key,
                                            const YamlNode &value)
{
    const std::string &mode = m_input.readText(value, key);
    if (mode == "host") {
        const char *property = key == "pid"   ? "hostPID"
                               : key == "ipc" ? "hostIPC"
                               : key == "uts" ? "hostUTS"
                                              : "hostUsers";
        service.properties[property] = true;
        m_input.flag(value,
                     "service " + service.name + ": shares the host's " + key + " namespace");
    }
}

void ComposeServiceMapper::mapCgroup(ComposeService &service, const std::string &,
                                     const YamlNode &value)
{
    if (m_input.readText(value, "cgroup") == "host") {
        m_input.flag(value, "service " + service.name + ": shares the host's cgroup namespace");
    }
}

void ComposeServiceMapper::mapApiSocket(ComposeService &service, const std::string &,
                                        const YamlNode &value)
{
    if (m_input.readBool(value, "use_api_socket")) {
        // Compose mounts the engine's API socket into the container.
        appendUnique(service.properties, "hostPathMounts", "/var/run/docker.sock");
        service.mountsRuntimeSocket = true;
        m_input.flag(value, "service " + service.name
                                + ": use_api_socket mounts the Docker API socket — whoever can use "
                                  "it controls every container and the host");
    }
}

void ComposeServiceMapper::mapVolumesFrom(ComposeService &service, const std::string &,
                                          const YamlNode &value)
{
    const std::vector<const YamlNode *> items = m_input.readTextItems(value, "volumes_from");
    for (const YamlNode *item : items) {
        service.volumesFrom.push_back(item->scalar);
        m_input.variables.rememberName(*item, item->scalar);
        m_input.variables.rememberName(*item, item->scalar.substr(0, item->scalar.find(':')));
    }
}

void ComposeServiceMapper::mapNetworkMode(ComposeService &service, const std::string &,
                                          const YamlNode &value)
{
    service.networkMode = m_input.readText(value, "network_mode");
    m_input.variables.rememberName(value, service.networkMode);
    if (service.networkMode == "host") {
        service.properties["hostNetwork"] = true;
        m_input.flag(value, "service " + service.name
                                + ": uses the host's network stack (network_mode: host)");
    }
}

void ComposeServiceMapper::mapNetworks(ComposeService &service, const std::string &,
                                       const YamlNode &value)
{
    if (value.isSequence()) {
        const std::vector<const YamlNode *> items = m_input.readTextItems(value, "networks");
        for (const YamlNode *item : items) {
            service.networks.push_back(item->scalar);
            m_input.variables.rememberName(*item, item->scalar);
        }
    } else if (value.isMapping()) {
        for (const auto &entry : value.entries)
            service.networks.push_back(entry.first);
    } else {
        m_input.fail(value,
                     "networks must be a list or a mapping, not " + std::string(value.typeName()));
    }
}

void ComposeServiceMapper::mapDevices(ComposeService &service, const std::string &,
                                      const YamlNode &value)
{
    std::size_t count = 0;
    for (const YamlNode &device : m_input.readList(value, "devices")) {
        const YamlNode *pathAt = &device;
        if (device.isMapping()) {
            pathAt = device.find("source");
            if (!pathAt)
                m_input.fail(device, "a device needs a source");
        }
        const std::string &written = m_input.readText(*pathAt, device.isMapping() ? "device source"
                                                                                  : "device");
        const std::string path = written.substr(0, written.find(':'));
        // The model records that a device is mapped and what a sensitive one gives, never
        // its path: the rules need no more, and the path may come from a variable.
        const std::optional<std::string> why = sensitiveDevice(path);
        appendUnique(service.properties, "devices",
                     "device " + std::to_string(++count)
                         + (why ? " (" + *why + ")" : std::string()));
        const std::string shownPath = m_input.shown(*pathAt, path);
        m_input.flag(device, "service " + service.name + ": has the host device " + shownPath
                                 + (why ? " — " + *why : std::string()));
    }
}

void ComposeServiceMapper::mapHealthcheck(ComposeService &service, const std::string &,
                                          const YamlNode &value)
{
    if (!value.isMapping())
        m_input.fail(value, "healthcheck must be a mapping, not " + std::string(value.typeName()));
    const YamlNode *disable = value.find("disable");
    bool disabled = disable && m_input.readBool(*disable, "healthcheck.disable");
    if (const YamlNode *test = value.find("test"))
        disabled = disabled
                   || (test->isSequence() && !test->items.empty()
                       && test->items.front().scalar == "NONE");
    service.properties["healthcheckDefined"] = !disabled;
}

void ComposeServiceMapper::mapRestart(ComposeService &service, const std::string &,
                                      const YamlNode &value)
{
    const std::string &policy = m_input.readText(value, "restart");
    PropertyValue &restart = service.properties["restartPolicy"];
    if (policy == "no")
        restart = std::string("no");
    else if (policy == "always")
        restart = std::string("always");
    else if (policy.starts_with("on-failure"))
        restart = std::string("onFailure");
    else if (policy == "unless-stopped")
        restart = std::string("unlessStopped");
    else
        m_input.fail(value, "restart must be no, always, on-failure or unless-stopped, not "
                                + m_input.quoted(value));
}

void ComposeServiceMapper::mapDeploy(ComposeService &service, const std::string &,
                                     const YamlNode &deploy)
{
    if (!deploy.isMapping())
        m_input.fail(deploy, "deploy must be a mapping, not " + std::string(deploy.typeName()));
    if (const YamlNode *limits = deploy.find("resources") ? deploy.find("resources")->find("limits")
                                                          : nullptr) {
        if (!limits->isMapping())
            m_input.fail(*limits, "deploy.resources.limits must be a mapping");
        const std::pair<const char *, const char *> fields[] = {
            {"memory", "memoryLimit"}, {"cpus", "cpuLimit"}, {"pids", "pidsLimit"}};
        for (const auto &[key, property] : fields) {
            if (const YamlNode *value = limits->find(key)) {
                m_input.readText(*value, std::string("deploy.resources.limits.") + key);
                service.properties[property] = m_input.shown(*value);
            }
        }
    }
    if (const YamlNode *policy = deploy.find("restart_policy")) {
        if (const YamlNode *condition = policy->find("condition")) {
            const std::string &text = m_input.readText(*condition,
                                                       "deploy.restart_policy.condition");
            service.properties["restartPolicy"] = std::string(text == "none"         ? "no"
                                                              : text == "on-failure" ? "onFailure"
                                                                                     : "always");
        }
    }
}

/** mem_limit, cpus and pids_limit, as written. */
void ComposeServiceMapper::mapLimit(ComposeService &service, const std::string &key,
                                    const YamlNode &value)
{
    m_input.readText(value, key);
    service.properties[key == "mem_limit" ? "memoryLimit"
                       : key == "cpus"    ? "cpuLimit"
                                          : "pidsLimit"] = m_input.shown(value);
}

void ComposeServiceMapper::mapPullPolicy(ComposeService &service, const std::string &,
                                         const YamlNode &value)
{
    const std::string &policy = m_input.readText(value, "pull_policy");
    if (policy == "always")
        service.properties["imagePullPolicy"] = std::string("always");
    else if (policy == "never")
        service.properties["imagePullPolicy"] = std::string("never");
    else if (policy == "missing" || policy == "if_not_present")
        service.properties["imagePullPolicy"] = std::string("ifNotPresent");
}

void ComposeServiceMapper::mapRuntime(ComposeService &service, const std::string &,
                                      const YamlNode &value)
{
    const std::string &runtime = m_input.readText(value, "runtime");
    service.properties["runtimeClass"] = std::string(runtime == "runsc"            ? "gvisor"
                                                     : runtime.starts_with("kata") ? "kata"
                                                     : runtime == "runc"           ? "runc"
                                                     : runtime == "crun"           ? "crun"
                                                                                   : "other");
}

void ComposeServiceMapper::mapVolumes(ComposeService &service, const std::string &,
                                      const YamlNode &value)
{
    for (const YamlNode &entry : m_input.readList(value, "volumes"))
        mapVolume(service, entry);
}

void ComposeServiceMapper::mapPorts(ComposeService &service, const std::string &,
                                    const YamlNode &value)
{
    for (const YamlNode &entry : m_input.readList(value, "ports"))
        mapPublishedPort(m_input, service, entry);
    dropRepeatedPublishedPorts(service);
}

void ComposeServiceMapper::mapExpose(ComposeService &service, const std::string &,
                                     const YamlNode &value)
{
    for (const YamlNode &item : m_input.readList(value, "expose"))
        mapExposedPort(m_input, service, item);
}

/** depends_on and links: the services this one talks to. */
void ComposeServiceMapper::mapDependencies(ComposeService &service, const std::string &key,
                                           const YamlNode &value)
{
    if (value.isMapping()) {
        for (const auto &entry : value.entries)
            service.dependencies.push_back(entry.first);
        return;
    }
    const std::vector<const YamlNode *> items = m_input.readTextItems(value, key);
    for (const YamlNode *item : items) {
        service.dependencies.push_back(item->scalar.substr(0, item->scalar.find(':')));
        m_input.variables.rememberName(*item, service.dependencies.back());
    }
}

void ComposeServiceMapper::mapSecretsOrConfigs(ComposeService &service, const std::string &key,
                                               const YamlNode &value)
{
    std::vector<std::string> names;
    for (const YamlNode &item : m_input.readList(value, key)) {
        const YamlNode *source = &item;
        if (item.isMapping()) {
            source = item.find("source");
            if (!source)
                m_input.fail(item, key + " entries need a source");
        }
        const std::string &name = m_input.readText(*source,
                                                   item.isMapping() ? key + " source" : key);
        m_input.variables.rememberName(*source, name);
        names.push_back(name);
    }
    if (key == "secrets")
        service.secretsUsed = names;
    else
        appendNote(service.properties, "Configs: " + joined(m_input.shownNames(names)));
}

void ComposeServiceMapper::mapVolume(ComposeService &service, const YamlNode &entry)
{
    VolumeSpec volume;
    if (entry.isScalar())
        volume = readShortVolume(m_input, entry);
    else if (entry.isMapping())
        readLongVolume(m_input, entry, volume);
    else
        m_input.fail(entry, "volume entries must be text or a mapping, not "
                                + std::string(entry.typeName()));
    const std::string &source = volume.source;
    const std::string &shownSource = volume.shownSource;
    if (volume.type == "bind") {
        // Normalised, so that rules matching "/etc" see "/etc/" and "//etc" as the same path. A
        // path from a variable is recorded as written, or as the sensitive location it lies in,
        // so that the threats it brings are found without its text being copied.
        const bool sourceFromVariable = shownSource != source;
        const std::optional<std::string> location = sourceFromVariable
                                                        ? sensitiveHostLocation(source)
                                                        : std::nullopt;
        const std::string recorded = !sourceFromVariable ? normaliseHostPath(source)
                                     : location          ? *location
                                                         : shownSource;
        appendUnique(service.properties, "hostPathMounts",
                     recorded + (volume.readOnly ? ":ro" : ""));
        if (const auto why = sensitiveHostPath(source)) {
            const bool socket = source.find(".sock") != std::string::npos;
            // ":ro" keeps a socket file from being replaced, not the API behind it from being used.
            m_input.flag(
                entry,
                "service " + service.name + ": mounts " + shownSource
                    + (socket ? (volume.readOnly ? " (read-only does not restrict the API)" : "")
                       : volume.readOnly ? " read-only"
                                         : " writable")
                    + " — " + *why);
            service.mountsRuntimeSocket = service.mountsRuntimeSocket || socket;
        }
        m_input.mapped(
            entry,
            "service " + service.name + ": bind mount " + shownSource + " → " + volume.shownTarget
                + " recorded in hostPathMounts"
                + (location ? " as " + *location
                                  + ", the sensitive location its path (from a variable) lies in"
                            : ""));
    } else if (volume.type == "volume") {
        if (source.empty()) {
            m_input.mapped(entry, "service " + service.name + ": anonymous volume at "
                                      + volume.shownTarget + " (not drawn)");
            return;
        }
        if (entry.isScalar())
            m_input.variables.rememberName(entry, source, shownSource);
        service.namedMounts.emplace_back(source,
                                         volume.shownTarget + (volume.readOnly ? ":ro" : ""));
    } else if (volume.type != "tmpfs") {
        m_input.skipped(entry, "service " + service.name + ": volume of type " + volume.shownType
                                   + " not mapped");
    }
}

void ComposeServiceMapper::mapEnvironment(ComposeService &service)
{
    // Names only. The values are configuration at best and credentials at worst: a threat
    // model is shared with reviewers and must never carry them.
    std::vector<std::string> names;
    std::vector<std::string> secrets;
    if (const YamlNode *environment = service.node->find("environment")) {
        if (!environment->isMapping())
            m_input.fail(*environment, "environment must be a mapping or a list of NAME=VALUE, not "
                                           + std::string(environment->typeName()));
        for (const auto &[name, value] : environment->entries) {
            if (!value.isNull() && !value.isScalar())
                m_input.fail(value, "environment variable " + name + " must have a text value, not "
                                        + std::string(value.typeName()));
            names.push_back(m_input.shownName(name));
            service.environment.push_back(
                {{m_input.shownName(name),
                  value.isNull() ? std::nullopt : std::optional<std::string>(value.scalar),
                  !m_input.variables.fromEnvironment(value)},
                 value.line > 0 ? &value : environment,
                 {}});
            if (looksSecret(name)) {
                secrets.push_back(m_input.shownName(name));
                m_input.flag(value.line > 0 ? value : *environment,
                             "service " + service.name + ": environment variable "
                                 + m_input.shownName(name)
                                 + " looks like a secret; its value was not imported (hand secrets "
                                   "over as files)");
            }
        }
    }
    readEnvFiles(service, names, secrets);
    recordCredentialFacts(m_input, service);
    if (!names.empty())
        appendNote(service.properties,
                   "Environment variables (values not imported): " + joined(names));
    if (!secrets.empty()) {
        service.properties["secretsInEnv"] = std::string("yes");
    } else if (!service.envFileUnread) {
        service.properties["secretsInEnv"] = std::string("no");
    }
}

void ComposeServiceMapper::inheritVolumes(std::vector<ComposeService> &services)
{
    for (ComposeService &service : services) {
        for (const std::string &entry : service.volumesFrom) {
            if (entry.starts_with("container:")) {
                m_input.skipped(
                    *service.node,
                    "service " + service.name + ": volumes_from " + m_input.shownName(entry)
                        + " names a container outside the project; its mounts are unknown");
                continue;
            }
            const std::string name = entry.substr(0, entry.find(':'));
            const bool readOnly = entry.size() > name.size()
                                  && entry.substr(name.size() + 1) == "ro";
            const auto source = std::find_if(
                services.begin(), services.end(),
                [&](const ComposeService &s) { return s.name == name; });
            if (source == services.end() || &*source == &service) {
                m_input.skipped(*service.node, "service " + service.name + ": volumes_from "
                                                   + m_input.shownName(name)
                                                   + ", which no file defines");
                continue;
            }
            inheritMounts(service, *source, name, readOnly);
        }
    }
}

/** The mounts of `source` added to `service`, made read-only when volumes_from says ":ro". */
void ComposeServiceMapper::inheritMounts(ComposeService &service, const ComposeService &source,
                                         const std::string &name, bool readOnly)
{
    if (const auto mounts = source.properties.find("hostPathMounts");
        mounts != source.properties.end()) {
        for (std::string mount : std::get<StringList>(mounts->second)) {
            if (readOnly && (mount.size() < 3 || mount.compare(mount.size() - 3, 3, ":ro") != 0))
                mount += ":ro";
            appendUnique(service.properties, "hostPathMounts", mount);
        }
    }
    for (const auto &[volume, target] : source.namedMounts)
        service.namedMounts.emplace_back(volume, target);
    if (source.mountsRuntimeSocket) {
        service.mountsRuntimeSocket = true;
        m_input.flag(*service.node, "service " + service.name + ": volumes_from "
                                        + m_input.shownName(name)
                                        + " brings in the container runtime's socket");
    }
    m_input.mapped(*service.node, "service " + service.name + ": mounts of "
                                      + m_input.shownName(name) + " (volumes_from) recorded");
}

} // namespace bulkhead
