package io.switchboard.deploy.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.memorydb.CfnACL;
import software.amazon.awscdk.services.memorydb.CfnCluster;
import software.amazon.awscdk.services.memorydb.CfnSubnetGroup;
import software.amazon.awscdk.services.memorydb.CfnUser;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The guide's MemoryDB variant: authentication is mandatory, so an ACL user {@value #USER} with a
 * generated password, and TLS. The task gets {@code REDIS_URL=rediss://switchboard:password@endpoint:port}
 * as a secret: the template holds only references to the password, never the password itself.
 */
public final class MemoryDbRedis extends Construct implements ChatBackplane {
  static final String USER = "switchboard";
  private static final int PORT = 6379;
  private final SecurityGroup securityGroup;
  private final software.amazon.awscdk.services.secretsmanager.Secret url;

  /** Creates the cluster, its ACL, user and password, its subnet group and security group. */
  public MemoryDbRedis(Construct scope, String id, IVpc vpc) {
    super(scope, id);
    securityGroup = SecurityGroup.Builder.create(this, "SecurityGroup").vpc(vpc)
        .description("The chat backplane: Redis from the chat servers only").allowAllOutbound(false).build();
    // Letters and digits only: the password goes into a URL as it is.
    var password = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "Password")
        .description("The chat backplane's MemoryDB password")
        .generateSecretString(SecretStringGenerator.builder()
            .secretStringTemplate("{\"username\":\"" + USER + "\"}")
            .generateStringKey("password").excludePunctuation(true).passwordLength(32).build())
        .build();
    String passwordReference = password.secretValueFromJson("password").unsafeUnwrap();
    // Every pub/sub channel (&*), which the backplane publishes and subscribes to
    CfnUser user = CfnUser.Builder.create(this, "User")
        .userName(USER)
        .accessString("on ~* &* +@all")
        .authenticationMode(Map.of("Type", "password", "Passwords", List.of(passwordReference)))
        .build();
    CfnACL acl = CfnACL.Builder.create(this, "Acl").aclName("switchboard-chat").userNames(List.of(USER)).build();
    acl.addDependency(user);
    CfnSubnetGroup subnets = CfnSubnetGroup.Builder.create(this, "Subnets")
        .subnetGroupName("switchboard-chat")
        .subnetIds(vpc.getPrivateSubnets().stream().map(ISubnet::getSubnetId).toList())
        .build();
    CfnCluster cluster = CfnCluster.Builder.create(this, "Cluster")
        .clusterName("switchboard-chat")
        .nodeType("db.t4g.small")
        .numShards(1)
        .numReplicasPerShard(1)
        .aclName(acl.getAclName())
        .tlsEnabled(true)
        .port(PORT)
        .subnetGroupName(subnets.getSubnetGroupName())
        .securityGroupIds(List.of(securityGroup.getSecurityGroupId()))
        .build();
    cluster.addDependency(acl);
    cluster.addDependency(subnets);
    url = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "Url")
        .description("REDIS_URL for the chat servers: the MemoryDB endpoint with its user and password")
        .secretStringValue(SecretValue.unsafePlainText("rediss://" + USER + ":" + passwordReference + "@"
            + cluster.getAttrClusterEndpointAddress() + ":" + cluster.getAttrClusterEndpointPort()))
        .build();
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public Map<String, Secret> secrets() {
    return Map.of("REDIS_URL", Secret.fromSecretsManager(url));
  }

  @Override
  public void allowFrom(IConnectable client) {
    securityGroup.getConnections().allowFrom(client, Port.tcp(PORT), "the chat servers");
  }
}
