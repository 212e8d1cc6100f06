#include "clicommands.h"

#include "analysis/validator.h"
#include "catalog/catalog.h"
#include "core/version.h"
#include "io/modelreader.h"
#include "io/modelwriter.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace bulkhead::cli {

namespace {

constexpr const char *usageText = R"(Usage: bulkhead-cli COMMAND [OPTIONS]

STRIDE threat modeling for container deployments, headless.

Commands:
  validate MODEL [--format text|json] [--catalog FILE]...
      Check a model for errors (dangling flows, unknown kinds, wrong property
      types, boundary cycles, ...) and warnings (unnamed flows, isolated elements).
  migrate MODEL -o FILE
      Load a model, migrating an older format, and save it in the current format.

Options:
  -h, --help       Show this help and exit.
  --version        Show the version and exit.
  --catalog FILE   Load an extra catalog file on top of the built-in one (repeatable).
  --format FORMAT  Output format.
  -o, --output F   Output file.

Exit status:
  0  success
  1  the model has validation errors
  2  usage error, or a file could not be read or written
)";

int usageError(const std::string &message)
{
    std::cerr << "bulkhead-cli: " << message << " (see bulkhead-cli --help)\n";
    return ExitUsageOrIo;
}

int ioError(const std::string &message)
{
    std::cerr << "bulkhead-cli: " << message << "\n";
    return ExitUsageOrIo;
}

/** The arguments of one command: positional ones and the few options the CLI knows. */
struct Arguments
{
    std::vector<std::string> positional;
    std::optional<std::string> output;
    std::optional<std::string> format;
    std::vector<std::filesystem::path> catalogs;
};

std::optional<Arguments> parseArguments(const std::vector<std::string> &args, std::size_t start,
                                        std::string &error)
{
    Arguments parsed;
    for (std::size_t i = start; i < args.size(); ++i) {
        const std::string &arg = args[i];
        auto takeValue = [&](std::string &into) {
            if (i + 1 >= args.size()) {
                error = "option " + arg + " needs a value";
                return false;
            }
            into = args[++i];
            return true;
        };
        std::string value;
        if (arg == "-o" || arg == "--output") {
            if (!takeValue(value))
                return std::nullopt;
            parsed.output = value;
        } else if (arg == "--format") {
            if (!takeValue(value))
                return std::nullopt;
            parsed.format = value;
        } else if (arg == "--catalog") {
            if (!takeValue(value))
                return std::nullopt;
            parsed.catalogs.emplace_back(value);
        } else if (arg.size() > 1 && arg[0] == '-') {
            error = "unknown option " + arg;
            return std::nullopt;
        } else {
            parsed.positional.push_back(arg);
        }
    }
    return parsed;
}

int validateCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("validate takes exactly one MODEL file");
    const std::string format = args.format.value_or("text");
    if (format != "text" && format != "json")
        return usageError("validate --format must be text or json");
    const auto catalog = loadCatalogWithExtras(args.catalogs);
    if (!catalog)
        return ioError(catalog.error());
    const std::string &file = args.positional.front();
    const auto loaded = readModelFile(file);
    if (!loaded)
        return ioError(loaded.error());

    const auto diagnostics = validateModel(loaded->model, *catalog);
    std::size_t errors = 0;
    for (const Diagnostic &d : diagnostics)
        errors += d.severity == DiagnosticSeverity::Error ? 1 : 0;
    const std::size_t warnings = diagnostics.size() - errors;

    if (format == "json") {
        nlohmann::ordered_json out{{"file", file}, {"errors", errors}, {"warnings", warnings}};
        out["diagnostics"] = nlohmann::ordered_json::array();
        for (const Diagnostic &d : diagnostics) {
            out["diagnostics"].push_back({{"severity", diagnosticSeverityKey(d.severity)},
                                          {"code", d.code},
                                          {"subject", d.subject},
                                          {"message", d.message}});
        }
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        for (const Diagnostic &d : diagnostics) {
            std::cout << file << ": " << diagnosticSeverityKey(d.severity) << ": " << d.message
                      << " [" << d.code << "]\n";
        }
        std::cout << file << ": " << errors << (errors == 1 ? " error, " : " errors, ")
                  << warnings << (warnings == 1 ? " warning\n" : " warnings\n");
    }
    return errors ? ExitModelErrors : ExitOk;
}

int migrateCommand(const Arguments &args)
{
    if (args.positional.size() != 1)
        return usageError("migrate takes exactly one MODEL file");
    if (!args.output)
        return usageError("migrate needs -o FILE");
    if (args.format)
        return usageError("migrate does not take --format");
    const auto loaded = readModelFile(args.positional.front());
    if (!loaded)
        return ioError(loaded.error());
    if (const Status saved = writeModelFile(loaded->model, *args.output); !saved)
        return ioError(saved.error());
    for (const std::string &note : loaded->migrationNotes)
        std::cout << args.positional.front() << ": migrated " << note << "\n";
    return ExitOk;
}

} // namespace

int run(const std::vector<std::string> &args)
{
    if (args.empty())
        return usageError("no command given");
    const std::string &command = args.front();
    if (command == "-h" || command == "--help" || command == "help") {
        std::cout << usageText;
        return ExitOk;
    }
    if (command == "--version") {
        std::cout << "bulkhead-cli " << bulkheadVersion << "\n";
        return ExitOk;
    }
    std::string error;
    const auto parsed = parseArguments(args, 1, error);
    if (!parsed)
        return usageError(error);
    if (command == "validate")
        return validateCommand(*parsed);
    if (command == "migrate")
        return migrateCommand(*parsed);
    return usageError("unknown command \"" + command + "\"");
}

} // namespace bulkhead::cli
