/**
 * Where Interlink keeps the secrets it must read again later (a point-to-site root certificate's private key, to sign
 * client certificates on request). Offline and in tests: `TableSecretStore`, AES-256-GCM sealed rows in Azure Table
 * storage (Azurite). In Azure the same port belongs on Key Vault (a secret per name, access by the Function App's
 * managed identity); the `SECRET_STORE` setting selects the implementation.
 */
export interface SecretStore {
  /** Stores (or replaces) the secret under the name. */
  put(name: string, value: string): Promise<void>;
  /** The secret, or null when there is none under the name. */
  get(name: string): Promise<string | null>;
  /** Removes it; whether it existed. */
  delete(name: string): Promise<{ existed: boolean }>;
}
