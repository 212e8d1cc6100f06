#pragma once

// Internal to the Compose import: a service's keys onto the properties its element will have.

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Maps each service's keys onto properties, flagging the risky settings and listing those
 * without bearing on the threat model as skipped. A value of the wrong type or an unknown key
 * sets input.error and stops the import.
 */
class ComposeServiceMapper
{
public:
    explicit ComposeServiceMapper(ComposeInput &input) : m_input(input) {}

    bool map(ComposeService &service);
    /** volumes_from: each service gets the other one's mounts, the Docker socket included. */
    void inheritVolumes(std::vector<ComposeService> &services);

private:
    /** Maps one key of the service; `key` is one of handlers(). */
    using Handler = bool (ComposeServiceMapper::*)(ComposeService &, const std::string &key,
                                                   const YamlNode &value);
    /** The service keys the import maps, each with what maps it. */
    static const std::map<std::string_view, Handler> &handlers();

    bool mapImage(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapBuild(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapUser(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapPrivileged(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapCapabilities(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapReadOnly(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapSecurityOptions(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapHostNamespace(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapCgroup(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapApiSocket(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapVolumesFrom(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapNetworkMode(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapNetworks(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapDevices(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapHealthcheck(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapRestart(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapDeploy(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapLimit(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapPullPolicy(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapRuntime(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapVolumes(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapPorts(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapExpose(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapDependencies(ComposeService &service, const std::string &key, const YamlNode &value);
    bool mapSecretsOrConfigs(ComposeService &service, const std::string &key, const YamlNode &value);
    /** Keys read after the others, by mapEnvironment: environment and env_file. */
    bool mapNothing(ComposeService &, const std::string &, const YamlNode &) { return true; }

    bool mapVolume(ComposeService &service, const YamlNode &entry);
    bool mapEnvironment(ComposeService &service);
    bool readEnvFiles(ComposeService &service, std::vector<std::string> &names,
                      std::vector<std::string> &secrets, bool &namesComplete);
    void finishService(ComposeService &service, const std::vector<std::string> &unmapped);
    void inheritMounts(ComposeService &service, const ComposeService &source, const std::string &name,
                       bool readOnly);

    ComposeInput &m_input;
};

} // namespace bulkhead
