/** Where the emulators listen and what the app needs to trust and sign for them. */
export interface EmulatorEndpointsForApp {
  azure: { endpoint: string; caFile: string };
  oci: { endpoint: string; configFile: string; profile: string };
}

/** The app settings that point Interlink at the cloud emulators and at an Azurite instance. */
export function emulatorAppSettings(emulators: EmulatorEndpointsForApp, storageConnectionString: string): Record<string, string> {
  return {
    CLOUD_MODE: "emulator",
    AzureWebJobsStorage: storageConnectionString,
    AZURE_ARM_ENDPOINT: emulators.azure.endpoint,
    AZURE_ARM_CA_FILE: emulators.azure.caFile,
    OCI_ENDPOINT: emulators.oci.endpoint,
    OCI_CONFIG_FILE: emulators.oci.configFile,
    OCI_PROFILE: emulators.oci.profile,
  };
}
