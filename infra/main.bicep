// Interlink on Azure: a Node.js 22 Function App that runs Durable Functions, with the storage, monitoring,
// identity, secrets and the least Azure role it needs to manage ExpressRoute networking.
// infra/main.json is this file compiled to ARM JSON; regenerate it with `az bicep build` (see infra/README.md).
targetScope = 'resourceGroup'

@description('Prefix of every resource name: 3-11 lowercase letters and digits, starting with a letter.')
@minLength(3)
@maxLength(11)
param namePrefix string = 'interlink'

@description('Region of every resource; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('FlexConsumption (default: serverless, scales to zero) or ElasticPremium (always-warm instances).')
@allowed([
  'FlexConsumption'
  'ElasticPremium'
])
param hostingPlan string = 'FlexConsumption'

@description('Elastic Premium size, used when hostingPlan is ElasticPremium.')
@allowed([
  'EP1'
  'EP2'
  'EP3'
])
param elasticPremiumSku string = 'EP1'

@description('Flex Consumption: the most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Flex Consumption: memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: instances kept warm for the orchestrations and activities (the durable scale group). 0 lets the app scale to zero.')
@minValue(0)
param durableAlwaysReadyInstances int = 1

@description('Resource groups in this subscription that hold the VNets, gateways and ExpressRoute circuits Interlink manages. The identity gets the Interlink network role on these and nowhere else.')
@minLength(1)
param networkResourceGroups array

@description('OCI region of the tenancy\'s networking, for example us-ashburn-1.')
param ociRegion string

@description('OCID of the OCI tenancy (ocid1.tenancy...).')
param ociTenancyOcid string

@description('OCID of the OCI user Interlink signs its requests as (ocid1.user...); it belongs to the group the OCI policy names.')
param ociUserOcid string

@description('Fingerprint of that user\'s API signing key, as OCI shows it (12:34:...:ef).')
param ociFingerprint string

@description('The API signing key in PEM form. It is stored in Key Vault only; the app reads it through a Key Vault reference.')
@secure()
param ociPrivateKeyPem string

@description('Schedule of the health sweep, a 6-field NCRONTAB expression (second minute hour day month weekday).')
param healthCheckSchedule string = '0 */5 * * * *'

@description('Optional: URL POSTed on every health change. Webhook URLs often embed a token, so it is kept in Key Vault. Empty: no alerts.')
@secure()
param alertWebhookUrl string = ''

@description('Optional: API keys of other OCI tenancies whose VCNs are peered (oci.peeredVcns[].tenancyId), a JSON array of {tenancy, user, fingerprint, privateKey, homeRegion?}. Kept in Key Vault. Empty: only the main tenancy.')
@secure()
param ociTenancyCredentials string = ''

@description('Optional: 32 random bytes, base64 (openssl rand -base64 32), that seal the secrets Interlink keeps (point-to-site root certificate keys). Kept in Key Vault; give the same value on every deployment. Empty: point-to-site links cannot be created.')
@secure()
param secretStoreKey string = ''

@description('Tags applied to every resource.')
param tags object = {}

var isFlex = hostingPlan == 'FlexConsumption'
var suffix = uniqueString(resourceGroup().id, namePrefix)
var identityName = '${namePrefix}-id-${suffix}'
var storageAccountName = take(toLower('${namePrefix}${suffix}'), 24)
var keyVaultName = take('${namePrefix}-kv-${suffix}', 24)
var workspaceName = '${namePrefix}-log-${suffix}'
var appInsightsName = '${namePrefix}-ai-${suffix}'
var planName = '${namePrefix}-plan-${suffix}'
var functionAppName = '${namePrefix}-${suffix}'
var deploymentContainerName = 'app-package'
var contentShareName = toLower(functionAppName)
// Queues the ticketing system writes to and reads from; the app creates its other queues and tables itself.
var queueNames = [
  'interconnect-requests'
  'interconnect-events'
]
var ociPrivateKeySecretName = 'oci-private-key'
var storageConnectionSecretName = 'storage-connection-string'
var alertWebhookSecretName = 'alert-webhook-url'
var ociTenancyCredentialsSecretName = 'oci-tenancy-credentials'
var secretStoreKeySecretName = 'secret-store-key'

// Built-in roles (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

// Exactly the Microsoft.Network operations Interlink's Azure adapter calls, plus the join actions ARM
// checks when one resource references another (see docs/deploy.md). Route entries are written inline
// with their route table, so routeTables/routes/* is not needed.
var networkRoleActions = [
  'Microsoft.Network/virtualNetworks/read'
  'Microsoft.Network/virtualNetworks/subnets/read'
  'Microsoft.Network/virtualNetworks/subnets/write'
  'Microsoft.Network/virtualNetworks/subnets/delete'
  'Microsoft.Network/virtualNetworks/subnets/join/action'
  'Microsoft.Network/networkSecurityGroups/read'
  'Microsoft.Network/networkSecurityGroups/write'
  'Microsoft.Network/networkSecurityGroups/delete'
  'Microsoft.Network/networkSecurityGroups/join/action'
  'Microsoft.Network/networkSecurityGroups/securityRules/read'
  'Microsoft.Network/networkSecurityGroups/securityRules/write'
  'Microsoft.Network/networkSecurityGroups/securityRules/delete'
  'Microsoft.Network/routeTables/read'
  'Microsoft.Network/routeTables/write'
  'Microsoft.Network/routeTables/delete'
  'Microsoft.Network/routeTables/join/action'
  'Microsoft.Network/expressRouteCircuits/read'
  'Microsoft.Network/expressRouteCircuits/write'
  'Microsoft.Network/expressRouteCircuits/delete'
  'Microsoft.Network/expressRouteCircuits/join/action'
  'Microsoft.Network/expressRouteCircuits/peerings/arpTables/action'
  'Microsoft.Network/expressRouteCircuits/peerings/routeTables/action'
  'Microsoft.Network/virtualNetworkGateways/read'
  'Microsoft.Network/virtualNetworkGateways/write'
  'Microsoft.Network/virtualNetworkGateways/delete'
  'Microsoft.Network/virtualNetworkGateways/join/action'
  'Microsoft.Network/virtualNetworkGateways/connections/read'
  'Microsoft.Network/virtualNetworkGateways/getlearnedroutes/action'
  'Microsoft.Network/publicIPAddresses/read'
  'Microsoft.Network/publicIPAddresses/write'
  'Microsoft.Network/publicIPAddresses/delete'
  'Microsoft.Network/publicIPAddresses/join/action'
  'Microsoft.Network/connections/read'
  'Microsoft.Network/connections/write'
  'Microsoft.Network/connections/delete'
  'Microsoft.Network/virtualNetworkGateways/getBgpPeerStatus/action'
  'Microsoft.Network/virtualNetworkGateways/generatevpnclientpackage/action'
  'Microsoft.Network/connections/sharedKey/read'
  'Microsoft.Network/connections/sharedKey/write'
  'Microsoft.Network/localNetworkGateways/read'
  'Microsoft.Network/localNetworkGateways/write'
  'Microsoft.Network/localNetworkGateways/delete'
  'Microsoft.Network/locations/operations/read'
  'Microsoft.Network/locations/operationResults/read'
]
var networkResourceGroupIds = [for rg in networkResourceGroups: '${subscription().id}/resourceGroups/${rg}']

// Settings the app parses at start-up (shared/config/settings.ts), and what the Functions host needs.
var commonAppSettings = {
  AzureWebJobsStorage: '@Microsoft.KeyVault(SecretUri=${storageConnectionSecret.properties.secretUri})'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  AZURE_CLIENT_ID: identity.properties.clientId
  CLOUD_MODE: 'live'
  OCI_AUTH: 'api_key'
  OCI_REGION: ociRegion
  OCI_TENANCY_OCID: ociTenancyOcid
  OCI_USER_OCID: ociUserOcid
  OCI_FINGERPRINT: ociFingerprint
  OCI_PRIVATE_KEY: '@Microsoft.KeyVault(SecretUri=${ociPrivateKeySecret.properties.secretUri})'
  HEALTH_CHECK_SCHEDULE: healthCheckSchedule
  // Durable Functions on a scale-to-zero plan: poll the task hub's queues at least every 10 s.
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval: '00:00:10'
}
var alertAppSettings = empty(alertWebhookUrl) ? {} : {
  ALERT_WEBHOOK_URL: '@Microsoft.KeyVault(SecretUri=${alertWebhookSecret.properties.secretUri})'
}
var tenancyCredentialsAppSettings = empty(ociTenancyCredentials) ? {} : {
  OCI_TENANCY_CREDENTIALS: '@Microsoft.KeyVault(SecretUri=${ociTenancyCredentialsSecret.properties.secretUri})'
}
var secretStoreAppSettings = empty(secretStoreKey) ? {} : {
  SECRET_STORE_KEY: '@Microsoft.KeyVault(SecretUri=${secretStoreKeySecret.properties.secretUri})'
}
// Elastic Premium needs these; Flex Consumption refuses them (its runtime lives in functionAppConfig).
var elasticPremiumAppSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'node'
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: '@Microsoft.KeyVault(SecretUri=${storageConnectionSecret.properties.secretUri})'
  WEBSITE_CONTENTSHARE: contentShareName
  // The share is created below; the platform cannot validate it through a Key Vault reference.
  WEBSITE_SKIP_CONTENTSHARE_VALIDATION: '1'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is accepted only from Entra-authenticated senders (the app's identity).
    DisableLocalAuth: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Interlink opens its inventory table and event queues from the AzureWebJobsStorage connection string.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queueName in queueNames: {
  parent: queueService
  name: queueName
}]

resource fileService 'Microsoft.Storage/storageAccounts/fileServices@2023-05-01' = if (!isFlex) {
  parent: storage
  name: 'default'
}

resource contentShare 'Microsoft.Storage/storageAccounts/fileServices/shares@2023-05-01' = if (!isFlex) {
  parent: fileService
  name: contentShareName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Key Vault references on Flex Consumption cannot reach a network-restricted vault.
    publicNetworkAccess: 'Enabled'
  }
}

resource ociPrivateKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: ociPrivateKeySecretName
  properties: {
    value: ociPrivateKeyPem
    contentType: 'application/x-pem-file'
  }
}

resource storageConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: storageConnectionSecretName
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'
  }
}

resource alertWebhookSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(alertWebhookUrl)) {
  parent: vault
  name: alertWebhookSecretName
  properties: {
    value: alertWebhookUrl
  }
}

resource ociTenancyCredentialsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(ociTenancyCredentials)) {
  parent: vault
  name: ociTenancyCredentialsSecretName
  properties: {
    value: ociTenancyCredentials
  }
}

resource secretStoreKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(secretStoreKey)) {
  parent: vault
  name: secretStoreKeySecretName
  properties: {
    value: secretStoreKey
  }
}

resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource deploymentContainerWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (isFlex) {
  name: guid(deploymentContainer.id, identity.id, storageBlobDataContributorRoleId)
  scope: deploymentContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource networkRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, resourceGroup().id, namePrefix, 'interlink-network-operator')
  properties: {
    roleName: 'Interlink network operator (${resourceGroup().name}/${namePrefix})'
    description: 'The Microsoft.Network operations Interlink performs to build, check and tear down Azure-OCI interconnects.'
    type: 'CustomRole'
    permissions: [
      {
        actions: networkRoleActions
        notActions: []
      }
    ]
    assignableScopes: networkResourceGroupIds
  }
}

module networkAccess 'modules/network-access.bicep' = [for rg in networkResourceGroups: {
  name: 'interlink-network-${uniqueString(rg)}'
  scope: resourceGroup(rg)
  params: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', networkRole.name)
    principalId: identity.properties.principalId
  }
  dependsOn: [
    networkRole
  ]
}]

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? {
    name: 'FC1'
    tier: 'FlexConsumption'
  } : {
    name: elasticPremiumSku
    tier: 'ElasticPremium'
  }
  properties: isFlex ? {
    reserved: true
  } : {
    reserved: true
    maximumElasticWorkerCount: 20
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstances
          }
        ]
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    } : null
    siteConfig: isFlex ? {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    } : {
      linuxFxVersion: 'Node|22'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
  dependsOn: [
    deploymentContainerWriter
  ]
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(commonAppSettings, alertAppSettings, tenancyCredentialsAppSettings, secretStoreAppSettings, isFlex ? {} : elasticPremiumAppSettings)
  dependsOn: [
    vaultSecretsUser
    telemetryPublisher
    contentShare
  ]
}

output functionAppName string = functionApp.name
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'
output identityClientId string = identity.properties.clientId
output identityPrincipalId string = identity.properties.principalId
output keyVaultName string = vault.name
output storageAccountName string = storage.name
output networkRoleDefinitionId string = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', networkRole.name)
