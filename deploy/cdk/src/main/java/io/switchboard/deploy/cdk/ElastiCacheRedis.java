package io.switchboard.deploy.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticache.CfnCacheCluster;
import software.amazon.awscdk.services.elasticache.CfnSubnetGroup;
import software.constructs.Construct;

/**
 * The guide's backplane: one ElastiCache for Redis node in the private subnets, no password, no
 * TLS, reached only from the service's security group; {@code REDIS_URL=redis://endpoint:port}.
 */
public final class ElastiCacheRedis extends Construct implements ChatBackplane {
  private final SecurityGroup securityGroup;
  private final CfnCacheCluster cache;

  /** Creates the cache node, its subnet group and its security group. */
  public ElastiCacheRedis(Construct scope, String id, IVpc vpc) {
    super(scope, id);
    securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(vpc)
        .description("The chat backplane: Redis from the chat servers only").allowAllOutbound(false).build();
    CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "Subnets")
        .description("The chat backplane's private subnets")
        .subnetIds(vpc.getPrivateSubnets().stream().map(ISubnet::getSubnetId).toList())
        .build();
    cache = CfnCacheCluster.Builder.create(this, "Redis")
        .engine("redis")
        .cacheNodeType("cache.t4g.micro")
        .numCacheNodes(1)
        .cacheSubnetGroupName(subnets.getRef())
        .vpcSecurityGroupIds(List.of(securityGroup.getSecurityGroupId()))
        .build();
    cache.addDependency(subnets);
  }

  @Override
  public Map<String, String> environment() {
    return Map.of("REDIS_URL",
        "redis://" + cache.getAttrRedisEndpointAddress() + ":" + cache.getAttrRedisEndpointPort());
  }

  @Override
  public Map<String, Secret> secrets() {
    return Map.of();
  }

  @Override
  public void allowFrom(IConnectable client) {
    securityGroup.getConnections().allowFrom(client, Port.tcp(6379), "the chat servers");
  }
}
