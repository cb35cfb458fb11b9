// Grants Interlink's identity its network role on one resource group that holds VNets, gateways and
// ExpressRoute circuits it manages. Deployed once per resource group by main.bicep.
targetScope = 'resourceGroup'

@description('Subscription-level id of the Interlink network role definition.')
param roleDefinitionId string

@description('Principal (object) id of the user-assigned identity the Function App runs as.')
param principalId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    roleDefinitionId: roleDefinitionId
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Interlink: manage the ExpressRoute circuits, gateways, connections, subnets, route tables and NSGs of this resource group'
  }
}

output roleAssignmentId string = assignment.id
