#pragma once

// Internal to the Compose import: reading the files into one merged project.

#include "import/compose/composeinput.h"
#include "import/composeimporter.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * Reads the Compose files of `input` into one project, as `docker compose -f a -f b config`
 * would: the project folder and its `.env`, every file's documents interpolated and merged in
 * order, `!reset` entries dropped, `extends` resolved (reading the files it names, inside the
 * project folder only, and adding them to `input.files`).
 */
class ComposeLoader
{
public:
    ComposeLoader(ComposeInput &input, const ComposeImportOptions &options)
        : m_input(input), m_options(options)
    {
    }

    /** The merged project into `project`; false with input.error set when a file is bad. */
    bool load(YamlNode &project);

private:
    bool openProject();
    bool readDotEnv();
    bool readDocuments(std::size_t index, std::vector<YamlNode> &documents);
    bool parseFile(std::size_t index, YamlFile &file);
    bool checkTopLevel(const YamlNode &document, bool extended);
    bool normaliseService(YamlNode &service);
    bool resolveExtends(YamlNode &services);
    bool extendService(YamlNode &services, YamlNode &service, const std::string &name, int depth);
    bool readExtendedFile(const YamlNode &extends, const YamlNode &baseAt, const YamlNode &fileAt,
                          const std::string &file, const std::string &name, int depth,
                          YamlNode &base);

    ComposeInput &m_input;
    const ComposeImportOptions &m_options;
};

} // namespace bulkhead
