// The Compose service mapper's env_file reader: the variables each file sets, and a record of
// a file it could not read, which the image defaults read.

#include "import/compose/composeservicemapper.h"
#include "import/importsupport.h"
#include "io/textfile.h"

namespace bulkhead {

/** env_file: the names of the variables each file sets, read only inside the project. */
void ComposeServiceMapper::readEnvFiles(ComposeService &service, std::vector<std::string> &names,
                                        std::vector<std::string> &secrets)
{
    const YamlNode *envFiles = service.node->find("env_file");
    if (!envFiles)
        return;
    std::vector<const YamlNode *> entries;
    if (envFiles->isSequence()) {
        for (const YamlNode &item : envFiles->items)
            entries.push_back(&item);
    } else {
        entries.push_back(envFiles);
    }
    for (const YamlNode *entry : entries) {
        bool required = true;
        const YamlNode *pathAt = entry;
        if (entry->isMapping()) {
            pathAt = entry->find("path");
            if (!pathAt)
                m_input.fail(*entry, "env_file entries need a path");
        }
        const std::string &file = m_input.readText(*pathAt, entry->isMapping() ? "env_file path"
                                                                               : "env_file");
        if (const YamlNode *req = entry->isMapping() ? entry->find("required") : nullptr)
            required = m_input.readBool(*req, "env_file required");
        const std::string shownFile = m_input.shown(*pathAt);
        // Only files inside the project: an env file elsewhere may be anyone's secrets.
        const auto resolved = m_input.folder->resolve(m_input.resolvePath(*pathAt, file),
                                                      "env_file " + shownFile);
        if (!resolved)
            m_input.fail(*pathAt, resolved.error());
        auto text = readTextFile(*resolved, 1024 * 1024);
        if (!text) {
            service.envFileUnread = true;
            if (required)
                m_input.skipped(*entry,
                                "service " + service.name + ": env_file " + shownFile
                                    + " could not be read, so its variable names are unknown");
            continue;
        }
        for (const auto &variable : parseEnvFile(*text)) {
            const std::string &name = variable.first;
            names.push_back(name);
            // Set in place: a braced temporary trips GCC 12's -Wmaybe-uninitialized.
            EnvironmentSetting &setting = service.environment.emplace_back();
            setting.name = name;
            setting.value = variable.second;
            setting.at = entry;
            setting.envFile = shownFile;
            if (looksSecret(name)) {
                secrets.push_back(name);
                m_input.flag(*entry, "service " + service.name + ": variable " + name
                                         + " from env_file " + shownFile
                                         + " looks like a secret; its value was not imported");
            }
        }
        appendNote(service.properties, "Environment file: " + shownFile);
    }
}

} // namespace bulkhead
