#include "import/compose/composeloader.h"

#include "io/textfile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>
#include <string_view>

namespace bulkhead {

namespace {

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

/** List-valued service keys whose entries add up across files rather than being replaced. */
bool accumulates(std::string_view key)
{
    static const std::set<std::string_view> keys{
        "ports",    "expose",      "volumes",    "secrets",      "configs",
        "cap_add",  "cap_drop",    "devices",    "security_opt", "dns",
        "env_file", "extra_hosts", "depends_on", "links",        "external_links"};
    return keys.count(key) > 0;
}

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
        return text.substr(first + 1,
                           second == std::string::npos ? std::string::npos : second - first - 1);
    }
    if (key == "ports") {
        if (item.isMapping()) {
            std::string identity;
            for (const char *field : {"host_ip", "published", "target", "protocol"}) {
                const YamlNode *value = item.find(field);
                identity += std::string(field) + "="
                            + (value && value->isScalar() ? value->scalar : std::string()) + ";";
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

/** Removes the entry `index` of a mapping, with its key's position. */
void eraseEntry(YamlNode &mapping, std::size_t index)
{
    mapping.entries.erase(mapping.entries.begin() + std::ptrdiff_t(index));
    if (index < mapping.keyPositions.size())
        mapping.keyPositions.erase(mapping.keyPositions.begin() + std::ptrdiff_t(index));
}

/** `over` merged into `base` as a later Compose file overrides an earlier one. */
void merge(YamlNode &base, const YamlNode &over, std::string_view key)
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
                if (base.keyPositions.size() + 1 == base.entries.size()
                    && i < over.keyPositions.size())
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

/** Marks every node of a document as coming from file `index`. */
void setFileIndex(YamlNode &document, std::size_t index)
{
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
}

} // namespace

YamlNode ComposeLoader::load()
{
    openProject();
    readDotEnv();
    YamlNode project;
    bool first = true;
    for (std::size_t index = 0; index < m_input.given; ++index) {
        // Several documents in one file merge in order, as Compose reads them.
        for (YamlNode &document : readDocuments(index)) {
            if (first)
                project = std::move(document);
            else
                merge(project, document, "");
            first = false;
        }
    }
    dropResets(project);
    for (auto &[key, services] : project.entries)
        if (key == "services" && services.isMapping())
            resolveExtends(services);
    return project;
}

/** The project folder: where relative paths start and what `extends` and `env_file` may read. */
void ComposeLoader::openProject()
{
    namespace fs = std::filesystem;
    const std::vector<std::string> &files = m_input.files;
    const fs::path folder = !m_options.projectDirectory.empty()
                                ? fs::path(m_options.projectDirectory)
                            : fs::path(files.front()).has_parent_path()
                                ? fs::path(files.front()).parent_path()
                                : fs::path(".");
    // Messages name the folder as given, but "." as the folder it is.
    std::error_code error;
    const fs::path named = folder == fs::path(".")
                               ? fs::absolute(folder, error).lexically_normal().parent_path()
                               : folder;
    auto opened = ProjectFolder::open(folder, "the project folder " + named.string());
    if (!opened) {
        // Without --project-directory the folder is the first file's: what is wrong is the file.
        const auto first = m_options.projectDirectory.empty() ? readTextFile(files.front(), 1)
                                                              : Result<std::string>::failure({});
        throw ImportFailure{!first && !first.error().empty() ? first.error() : opened.error()};
    }
    m_input.folder = std::move(*opened);
    m_input.given = files.size();
    m_input.baseFolders.assign(m_input.given, folder);
}

void ComposeLoader::readDotEnv()
{
    namespace fs = std::filesystem;
    const fs::path path = m_input.folder->path() / ".env";
    std::error_code error;
    // A link counts even when it leads nowhere: where it points is checked before anything is read.
    if (!fs::exists(fs::symlink_status(path, error)))
        return;
    const auto resolved = m_input.folder->resolve(path, path.string());
    if (!resolved)
        throw ImportFailure{resolved.error()};
    if (!fs::is_regular_file(*resolved, error))
        return;
    auto text = m_input.folder->readText(path, path.string(), 1024 * 1024);
    if (!text)
        throw ImportFailure{text.error()};
    m_input.variables.setDotEnv(parseEnvFile(*text));
}

/**
 * List forms as mappings, so that files merge by name whichever form each uses: environment
 * and labels ("A=B" entries), depends_on and networks (names).
 */
void ComposeLoader::normaliseService(YamlNode &service)
{
    for (auto &[key, value] : service.entries) {
        const bool names = key == "depends_on" || key == "networks";
        if ((!names && key != "environment" && key != "labels") || !value.isSequence())
            continue;
        YamlNode mapping;
        mapping.type = YamlNode::Type::Mapping;
        mapping.line = value.line;
        mapping.column = value.column;
        mapping.fileIndex = value.fileIndex;
        mapping.tag = value.tag;
        for (const YamlNode &item : value.items) {
            if (!item.isScalar())
                m_input.fail(item, key
                                       + (names ? " entries must be names, not "
                                                : " entries must be NAME=VALUE text, not ")
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
            const std::string written = m_input.shown(item);
            m_input.variables.rememberName(
                item, name, names ? std::string() : written.substr(0, written.find('=')));
            mapping.entries.emplace_back(std::move(name), std::move(entryValue));
            mapping.keyPositions.emplace_back(item.line, item.column);
        }
        value = std::move(mapping);
    }
}

/** File `index` parsed; a file that `extends` pulled in is read only inside the project. */
YamlFile ComposeLoader::parseFile(std::size_t index)
{
    const std::string &name = m_input.files[index];
    if (index < m_input.given) {
        auto read = readYamlFile(name);
        if (!read)
            throw ImportFailure{read.error()};
        return std::move(*read);
    }
    // A file that `extends` names may be no Compose file at all (a key, a password file): what
    // the reader says about it is cut to where it stopped, so that none of its text is repeated.
    const auto text = m_input.folder->readText(m_input.paths[index], name, YamlLimits{}.maxBytes);
    if (!text)
        throw ImportFailure{text.error()};
    auto parsed = parseYaml(*text, name);
    if (!parsed)
        throw ImportFailure{
            readerPosition(parsed.error(), name)
            + ": extends: this file cannot be read as YAML (its text is not shown)"};
    return std::move(*parsed);
}

void ComposeLoader::checkTopLevel(const YamlNode &document, bool extended) const
{
    if (!document.isMapping())
        m_input.fail(document, "a Compose file is a mapping with a services key, not "
                                   + std::string(document.typeName()));
    for (std::size_t i = 0; i < document.entries.size(); ++i) {
        const auto &[key, value] = document.entries[i];
        static const std::set<std::string_view> topLevel{
            "version", "name", "services", "networks", "volumes", "secrets", "configs", "include"};
        if (!topLevel.count(key) && !key.starts_with("x-"))
            m_input.fail(document.keyAt(i),
                         extended ? std::string(
                             "extends: not a Compose file (an unknown top-level key, not shown)")
                                  : "unknown top-level key \"" + key + "\"");
        if ((key == "services" || key == "networks" || key == "volumes" || key == "secrets"
             || key == "configs")
            && !value.isMapping() && !value.isNull())
            m_input.fail(value, key + " must be a mapping, not " + std::string(value.typeName()));
        if (key == "include")
            m_input.skipped(
                value, "include is not followed; import the included files by naming them too");
    }
}

std::vector<YamlNode> ComposeLoader::readDocuments(std::size_t index)
{
    YamlFile file = parseFile(index);
    if (file.documents.empty())
        throw ImportFailure{
            m_input.files[index]
            + ": the file is empty; a Compose file is a mapping with a services key"};
    for (YamlNode &document : file.documents) {
        setFileIndex(document, index);
        checkTopLevel(document, index >= m_input.given);
        if (const Status status = m_input.variables.interpolate(document, m_input.files[index]);
            !status)
            throw ImportFailure{status.error()};
        for (auto &[key, services] : document.entries) {
            if (key != "services" || !services.isMapping())
                continue;
            for (auto &entry : services.entries)
                if (entry.second.isMapping())
                    normaliseService(entry.second);
        }
    }
    return std::move(file.documents);
}

void ComposeLoader::resolveExtends(YamlNode &services)
{
    for (auto &[name, service] : services.entries)
        if (service.isMapping())
            extendService(services, service, name, 0);
}

/** `extends`: the service starts from another one (in this project or another file) and its
 *  own keys merge over it, as for a later -f file. */
void ComposeLoader::extendService(YamlNode &services, YamlNode &service, const std::string &name,
                                  int depth)
{
    const auto at = std::find_if(service.entries.begin(), service.entries.end(),
                                 [](const auto &e) { return e.first == "extends"; });
    if (at == service.entries.end())
        return;
    const YamlNode extends = at->second;
    if (depth > 10)
        m_input.fail(extends,
                     "service " + name + ": extends goes more than 10 services deep (a cycle?)");
    std::string baseName;
    std::string file;
    const YamlNode *baseAt = &extends;
    const YamlNode *fileAt = nullptr;
    if (extends.isScalar()) {
        baseName = extends.scalar;
    } else if (extends.isMapping()) {
        baseAt = extends.find("service");
        if (!baseAt)
            m_input.fail(extends, "service " + name + ": extends needs a service");
        baseName = m_input.readText(*baseAt, "extends.service");
        fileAt = extends.find("file");
        if (fileAt)
            file = m_input.readText(*fileAt, "extends.file");
    } else {
        m_input.fail(extends, "service " + name + ": extends is a service name or a mapping, not "
                                  + std::string(extends.typeName()));
    }
    YamlNode base;
    if (file.empty()) {
        const auto other = std::find_if(services.entries.begin(), services.entries.end(),
                                        [&](const auto &e) { return e.first == baseName; });
        if (other == services.entries.end() || !other->second.isMapping()
            || &other->second == &service)
            m_input.fail(extends, "service " + name + " extends " + m_input.described(*baseAt)
                                      + ", which is not a service here");
        extendService(services, other->second, baseName, depth + 1);
        base = other->second;
    } else {
        base = readExtendedFile(extends, *baseAt, *fileAt, file, name, depth);
    }
    // depends_on, links and volumes_from belong to the base's own project: Compose drops them.
    for (std::size_t i = base.entries.size(); i-- > 0;) {
        const std::string &key = base.entries[i].first;
        if (key == "depends_on" || key == "links" || key == "volumes_from" || key == "extends")
            eraseEntry(base, i);
    }
    YamlNode own = service;
    eraseEntry(own, std::size_t(at - service.entries.begin()));
    merge(base, own, "");
    base.line = service.line;
    base.column = service.column;
    base.fileIndex = service.fileIndex;
    service = std::move(base);
    m_input.mapped(service,
                   "service " + name + " extends " + m_input.shown(*baseAt)
                       + (file.empty() ? std::string() : " from " + m_input.shown(*fileAt)));
}

/** The service `extends` names from another file, its own `extends` resolved, into `base`. */
YamlNode ComposeLoader::readExtendedFile(const YamlNode &extends, const YamlNode &baseAt,
                                         const YamlNode &fileAt, const std::string &file,
                                         const std::string &name, int depth)
{
    // Only files inside the project: `extends: {file: /etc/shadow}` must not read it.
    const std::filesystem::path path = m_input.resolvePath(fileAt, file).lexically_normal();
    const auto canonical = m_input.folder->resolve(path, "extends file " + m_input.shown(fileAt));
    if (!canonical)
        m_input.fail(fileAt, canonical.error());
    // Messages name it as written; relative paths in it start from its own folder.
    const std::size_t from = std::size_t(fileAt.fileIndex);
    const std::filesystem::path shownFolder =
        from < m_input.given ? m_input.baseFolders[from]
                             : std::filesystem::path(m_input.files[from]).parent_path();
    m_input.files.push_back((shownFolder / m_input.shown(fileAt)).lexically_normal().string());
    m_input.paths.push_back(*canonical);
    m_input.baseFolders.push_back(path.parent_path());
    std::vector<YamlNode> documents = readDocuments(m_input.files.size() - 1);
    const std::string &baseName = baseAt.scalar;
    YamlNode *found = nullptr;
    for (YamlNode &document : documents)
        for (auto &[key, value] : document.entries)
            if (key == "services" && value.isMapping())
                for (auto &[otherName, otherService] : value.entries)
                    if (otherName == baseName && otherService.isMapping()) {
                        extendService(value, otherService, otherName, depth + 1);
                        found = &otherService;
                    }
    if (!found)
        m_input.fail(extends, "service " + name + " extends " + m_input.described(baseAt)
                                  + ", which " + m_input.shown(fileAt) + " does not define");
    return *found;
}

} // namespace bulkhead
