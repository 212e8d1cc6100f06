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
 * throws ImportFailure.
 */
class ComposeServiceMapper
{
public:
    explicit ComposeServiceMapper(ComposeInput &input)
        : m_input(input)
    {}

    void map(ComposeService &service);
    /** volumes_from: each service gets the other one's mounts, the Docker socket included. */
    void inheritVolumes(std::vector<ComposeService> &services);

private:
    /** Maps one key of the service; `key` is one of handlers(). */
    using Handler = void (ComposeServiceMapper::*)(ComposeService &, const std::string &key,
                                                   const YamlNode &value);
    /** The service keys the import maps, each with what maps it. */
    static const std::map<std::string_view, Handler> &handlers();

    void mapImage(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapBuild(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapUser(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapPrivileged(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapCapabilities(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapReadOnly(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapSecurityOptions(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapHostNamespace(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapCgroup(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapApiSocket(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapVolumesFrom(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapNetworkMode(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapNetworks(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapDevices(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapHealthcheck(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapRestart(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapDeploy(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapLimit(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapPullPolicy(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapRuntime(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapVolumes(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapPorts(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapExpose(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapDependencies(ComposeService &service, const std::string &key, const YamlNode &value);
    void mapSecretsOrConfigs(ComposeService &service, const std::string &key,
                             const YamlNode &value);
    /** In composeimagedefaults.cpp, beside what reads it. */
    void mapCommand(ComposeService &service, const std::string &key, const YamlNode &value);
    /** Keys read elsewhere: environment and env_file by mapEnvironment, labels by
     *  readProxyConfiguration(). */
    void mapNothing(ComposeService &, const std::string &, const YamlNode &) {}

    void mapVolume(ComposeService &service, const YamlNode &entry);
    void mapEnvironment(ComposeService &service);
    /** In composeenvfiles.cpp; records in service.envFileUnread a file it could not read. */
    void readEnvFiles(ComposeService &service, std::vector<std::string> &names,
                      std::vector<std::string> &secrets);
    void finishService(ComposeService &service, const std::vector<std::string> &unmapped);
    void inheritMounts(ComposeService &service, const ComposeService &source,
                       const std::string &name, bool readOnly);

    ComposeInput &m_input;
};

} // namespace bulkhead
