#pragma once

// Application secret keys (SECRET_KEY, FERNET_KEY, N8N_ENCRYPTION_KEY, SECRET_KEY_BASE…) left
// empty or at a published placeholder: docs/import.md, "Application secret keys".

#include "import/credentialfacts.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace bulkhead {

/**
 * Whether a variable's name is that of a secret key, token or salt ("SECRET_KEY",
 * "AIRFLOW__CORE__FERNET_KEY", "JWT_SECRET", "API_TOKEN"): its last word is KEY, SECRET, TOKEN,
 * SALT or PEPPER, or it ends in KEY_BASE. Not a key that is public by design (PUBLIC_KEY,
 * SITE_KEY), not a pointer to one (…_KEY_FILE, …_KEY_PATH, …_KEY_ID, API_KEY_HEADER) and not a
 * database or cache key (CACHE_KEY, ROUTING_KEY).
 */
bool isApplicationSecretKey(std::string_view name);

/**
 * Whether the key is one the application itself encrypts or signs with (ENCRYPTION, FERNET,
 * SIGNING, JWT, SESSION, COOKIE, HMAC, MASTER, SALT, SECRET_KEY, KEY_BASE, APP_KEY): left empty,
 * stored data is not encrypted or sessions are signed with nothing. An empty client token only
 * turns a feature off, so it is not judged.
 */
bool isOwnEncryptionOrSigningKey(std::string_view name);

/**
 * Whether variable `index` is judged as an application key (IAM-30) rather than as an account's
 * password (IAM-15): an own encryption or signing key, unless a PREFIX_ACCESS_KEY beside
 * PREFIX_SECRET_KEY makes it the secret half of an account's access key pair (MinIO, S3).
 */
bool judgedAsApplicationKey(const std::vector<EnvironmentVariable> &variables, std::size_t index);

/**
 * A value every reader of the project's documentation knows: a well-known default password, a
 * "change me" text in any spelling (changeEncryptionKey, CHANGE_THIS, change-me-please), a
 * "your secret key" or "placeholder" text, Django's "django-insecure-" key, or one character
 * repeated ("xxxxxxxx"). Compared in memory only.
 */
bool isPlaceholderSecret(std::string_view value);

/**
 * Judges the workload's application keys (judgedAsApplicationKey) into `facts`: weakSecretKey
 * yes when one is empty or a placeholder, no when every such key's value is known and none is,
 * unknown otherwise or without such keys. Findings name the variable, never the value.
 */
void assessSecretKeys(const std::vector<EnvironmentVariable> &variables, CredentialFacts &facts);

} // namespace bulkhead
