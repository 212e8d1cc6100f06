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
        : m_input(input)
        , m_options(options)
    {}

    /** The merged project; throws ImportFailure when a file is bad. */
    YamlNode load();

private:
    void openProject();
    void readDotEnv();
    std::vector<YamlNode> readDocuments(std::size_t index);
    YamlFile parseFile(std::size_t index);
    void checkTopLevel(const YamlNode &document, bool extended) const;
    void normaliseService(YamlNode &service);
    void resolveExtends(YamlNode &services);
    void extendService(YamlNode &services, YamlNode &service, const std::string &name, int depth);
    YamlNode readExtendedFile(const YamlNode &extends, const YamlNode &baseAt,
                              const YamlNode &fileAt, const std::string &file,
                              const std::string &name, int depth);

    ComposeInput &m_input;
    const ComposeImportOptions &m_options;
};

} // namespace bulkhead
