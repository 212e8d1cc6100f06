#include "secretkeys.h"

#include "importsupport.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

namespace bulkhead {

namespace {

/** The words of an upper-case variable name, split at '_', '.' and '-'. */
std::vector<std::string> wordsOf(std::string_view name)
{
    std::vector<std::string> words;
    std::string word;
    for (const char c : name) {
        if (c == '_' || c == '.' || c == '-') {
            if (!word.empty())
                words.push_back(std::move(word));
            word.clear();
        } else {
            word += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    if (!word.empty())
        words.push_back(std::move(word));
    return words;
}

bool hasWord(const std::vector<std::string> &words, std::string_view word)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

bool hasPair(const std::vector<std::string> &words, std::string_view first, std::string_view second)
{
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == first && words[i + 1] == second)
            return true;
    return false;
}

} // namespace

bool isApplicationSecretKey(std::string_view name)
{
    const std::vector<std::string> words = wordsOf(name);
    if (words.empty())
        return false;
    // Public by design, or a key into a table, a cache or a queue rather than a secret.
    static constexpr std::array notSecret{"PUBLIC",  "PUB",     "PUBLISHABLE", "SITE",
                                          "CACHE",   "ROUTING", "PARTITION",   "SORT",
                                          "PRIMARY", "FOREIGN", "HASH",        "IDEMPOTENCY"};
    if (std::any_of(notSecret.begin(), notSecret.end(),
                    [&](std::string_view word) { return hasWord(words, word); }))
        return false;
    static constexpr std::array lastWords{"KEY", "SECRET", "TOKEN", "SALT", "PEPPER"};
    const std::string &last = words.back();
    return std::find(lastWords.begin(), lastWords.end(), last) != lastWords.end()
           || (words.size() > 1 && last == "BASE" && words[words.size() - 2] == "KEY");
}

bool isOwnEncryptionOrSigningKey(std::string_view name)
{
    if (!isApplicationSecretKey(name))
        return false;
    const std::vector<std::string> words = wordsOf(name);
    static constexpr std::array own{"ENCRYPTION", "ENCRYPT", "FERNET", "SIGNING",
                                    "JWT",        "SESSION", "COOKIE", "HMAC",
                                    "MASTER",     "SALT",    "PEPPER", "CIPHER"};
    return std::any_of(own.begin(), own.end(),
                       [&](std::string_view w) { return hasWord(words, w); })
           || hasPair(words, "SECRET", "KEY") || hasPair(words, "KEY", "BASE")
           || hasPair(words, "APP", "KEY");
}

bool isPlaceholderSecret(std::string_view value)
{
    std::string letters;
    for (const char c : value)
        if (std::isalnum(static_cast<unsigned char>(c)))
            letters += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (letters.empty())
        return false;
    if (isWellKnownPassword(lower(std::string(value))) || isWellKnownPassword(letters))
        return true;
    if (letters.size() > 3
        && std::all_of(letters.begin(), letters.end(), [&](char c) { return c == letters[0]; }))
        return true;
    static constexpr std::array phrases{
        "changeme",   "changethis",  "changeit",    "changeencryptionkey",
        "changeyour", "replaceme",   "replacethis", "yoursecret",
        "yourkey",    "yourtoken",   "placeholder", "djangoinsecure",
        "notsecret",  "insecurekey", "secretkey",   "supersecret"};
    return std::any_of(phrases.begin(), phrases.end(), [&](std::string_view phrase) {
        return letters.find(phrase) != std::string::npos;
    });
}

bool judgedAsApplicationKey(const std::vector<EnvironmentVariable> &variables, std::size_t index)
{
    if (!isOwnEncryptionOrSigningKey(variables[index].name))
        return false;
    const std::vector<std::string> words = wordsOf(variables[index].name);
    if (words.size() < 2 || words[words.size() - 2] != "SECRET" || words.back() != "KEY")
        return true;
    // PREFIX_SECRET_KEY beside PREFIX_ACCESS_KEY: an access key pair, the account's password.
    std::vector<std::string> accessKey(words.begin(), words.end() - 2);
    accessKey.insert(accessKey.end(), {"ACCESS", "KEY"});
    return std::none_of(variables.begin(), variables.end(), [&](const EnvironmentVariable &v) {
        const std::vector<std::string> other = wordsOf(v.name);
        return other.size() >= accessKey.size()
               && std::equal(accessKey.begin(), accessKey.end(), other.begin());
    });
}

void assessSecretKeys(const std::vector<EnvironmentVariable> &variables, CredentialFacts &facts)
{
    bool any = false;
    bool allKnown = true;
    bool weak = false;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < variables.size(); ++i) {
        const EnvironmentVariable &v = variables[i];
        if (!judgedAsApplicationKey(variables, i) || !seen.insert(lower(v.name)).second)
            continue;
        any = true;
        if (!v.value) {
            allKnown = false;
        } else if (v.value->empty()) {
            weak = true;
            facts.findings.push_back({i, v.name
                                             + " is empty (no value, or an unset ${VAR}): the "
                                               "application's own key is missing: "
                                               "weakSecretKey yes"});
        } else if (isPlaceholderSecret(*v.value)) {
            weak = true;
            facts.findings.push_back(
                {i, v.name
                        + " is a placeholder, a documented default or a key "
                          "marked insecure (value not shown): weakSecretKey yes"});
        }
    }
    if (weak || (any && allKnown))
        facts.weakSecretKey = weak;
}

} // namespace bulkhead
