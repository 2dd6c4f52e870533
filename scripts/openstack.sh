#!/bin/bash
# scripts/openstack.sh - install (Debian packages) and start a loopback-only OpenStack for herd's
# contract tests: Keystone, Placement, Glance, Neutron API (no agents), Nova with the fake compute
# driver, Heat and Magnum's API. Every service listens on 127.0.0.1 only.
# Idempotent: when everything is already up it exits in a few seconds.
# Writes .tmp/openstack/clouds.yaml and .tmp/openstack/openrc (the test project's credentials).
# OPENSTACK_SKIP_INSTALL=1 skips apt; WITH_MAGNUM=0 leaves Magnum out.
set -uo pipefail
export ERL_EPMD_ADDRESS=127.0.0.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/.tmp/openstack
RUN=/run/herd-osk            # pid files
STATE=/var/lib/herd-osk      # "already configured" markers
PW=secret                    # password of every service user
ADMIN_PW=${ADMIN_PW:-admin}  # keystone admin password (user admin, project admin, domain Default)
TEST_PROJECT=herd-test TEST_USER=herd TEST_PW=herd-test-pw
WITH_MAGNUM=${WITH_MAGNUM:-1}
DB="mysql+pymysql://os:os@127.0.0.1"
RMQ="rabbit://openstack:openstack@127.0.0.1:5672/"
KS=http://127.0.0.1:5000
PY=/usr/bin/python3
mkdir -p $RUN $STATE $OUT

log() { echo "[$(date +%T)] $*"; }
alive() { [ -f $RUN/$1.pid ] && kill -0 "$(cat $RUN/$1.pid)" 2>/dev/null; }
wait_port() { # port [seconds]
  local i; for i in $(seq 1 $(( ${2:-60} * 4 ))); do
    (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.25; done
  log "TIMEOUT waiting for port $1"; return 1; }
# daemon NAME LOGFILE CMD... : start in background unless running
daemon() { local n=$1 l=$2; shift 2; alive $n && return 0
  setsid nohup "$@" >>"$l" 2>&1 </dev/null & echo $! > $RUN/$n.pid; log "started $n pid $!"; }
# wsgi NAME PORT WSGI_SCRIPT LOGDIR PROCESSES : uwsgi HTTP server on 127.0.0.1:PORT
wsgi() { alive $1 && return 0
  uwsgi --plugins python3 --http-socket 127.0.0.1:$2 --wsgi-file $3 --master --processes $5 \
    --threads 1 --enable-threads --lazy-apps --die-on-term --need-app --buffer-size 65535 \
    --add-header 'Connection: close' --pidfile $RUN/$1.pid --daemonize2 $4/$1-uwsgi.log >/dev/null 2>&1
  sleep 0.5; log "started $1 (uwsgi) pid $(cat $RUN/$1.pid 2>/dev/null)"; }
token() { curl -si -X POST $KS/v3/auth/tokens -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"'"$ADMIN_PW"'"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r'; }

authtoken() { cat <<EOF
[keystone_authtoken]
www_authenticate_uri = $KS
auth_url = $KS
memcached_servers = 127.0.0.1:11211
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PW
EOF
}
svcauth() { cat <<EOF
auth_url = $KS/v3
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = $1
password = $PW
region_name = RegionOne
EOF
}

# ------------------------------------------------------------------ backing services
start_backing() {
  if ! (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then
    cat > /etc/mysql/mariadb.conf.d/99-osk.cnf <<'EOF'
[mysqld]
bind-address = 127.0.0.1
max_connections = 1000
skip-name-resolve
innodb_buffer_pool_size = 128M
EOF
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
    [ -d /var/lib/mysql/mysql ] || mysql_install_db --user=mysql >/dev/null
    start-stop-daemon --start --oknodo --background --pidfile /run/mysqld/mysqld.pid \
      --exec /usr/sbin/mariadbd -- --user=mysql
    log "started mariadb"
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
    cat > /etc/rabbitmq/rabbitmq-env.conf <<'EOF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
    rabbitmq-server -detached >/dev/null 2>&1; log "started rabbitmq"
  fi
  if ! (exec 3<>/dev/tcp/127.0.0.1/11211) 2>/dev/null; then
    daemon memcached /var/log/memcached.log memcached -u memcache -l 127.0.0.1 -p 11211 -m 64
  fi
  wait_port 3306 && wait_port 5672 120 && wait_port 11211
  # rabbitmq accepts TCP before it is ready for users; wait for the app
  rabbitmqctl -q -n rabbit@localhost await_startup >/dev/null 2>&1 || true
}

# ------------------------------------------------------------------ one-time configuration
configure() {
  [ -f $STATE/configured ] && return 0
  log "configuring (first run)"
  set -e
  mysql -uroot <<EOF
CREATE DATABASE IF NOT EXISTS keystone; CREATE DATABASE IF NOT EXISTS nova_api;
CREATE DATABASE IF NOT EXISTS nova; CREATE DATABASE IF NOT EXISTS nova_cell0;
CREATE DATABASE IF NOT EXISTS placement; CREATE DATABASE IF NOT EXISTS glance;
CREATE DATABASE IF NOT EXISTS neutron; CREATE DATABASE IF NOT EXISTS heat;
CREATE DATABASE IF NOT EXISTS magnum;
CREATE USER IF NOT EXISTS 'os'@'127.0.0.1' IDENTIFIED BY 'os';
CREATE USER IF NOT EXISTS 'os'@'localhost' IDENTIFIED BY 'os';
GRANT ALL PRIVILEGES ON *.* TO 'os'@'127.0.0.1'; GRANT ALL PRIVILEGES ON *.* TO 'os'@'localhost';
FLUSH PRIVILEGES;
EOF
  rabbitmqctl -q -n rabbit@localhost add_user openstack openstack >/dev/null 2>&1 || true
  rabbitmqctl -q -n rabbit@localhost set_permissions openstack '.*' '.*' '.*'

  # keystone
  cat > /etc/keystone/keystone.conf <<EOF
[DEFAULT]
log_dir = /var/log/keystone
[database]
connection = $DB/keystone
[token]
provider = fernet
[oslo_policy]
policy_dirs = /etc/keystone/policy.d
EOF
  keystone-manage db_sync
  keystone-manage fernet_setup --keystone-user keystone --keystone-group keystone
  keystone-manage credential_setup --keystone-user keystone --keystone-group keystone
  keystone-manage bootstrap --bootstrap-password "$ADMIN_PW" \
    --bootstrap-admin-url $KS/v3/ --bootstrap-internal-url $KS/v3/ \
    --bootstrap-public-url $KS/v3/ --bootstrap-region-id RegionOne

  # placement
  cat > /etc/placement/placement.conf <<EOF
[DEFAULT]
log_dir = /var/log/placement
[api]
auth_strategy = keystone
[placement_database]
connection = $DB/placement
$(authtoken placement)
EOF
  placement-manage db sync

  # glance (file store)
  mkdir -p /var/lib/glance/images /var/lib/glance/tmp
  cat > /etc/glance/glance-api.conf <<EOF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = 9292
workers = 1
log_dir = /var/log/glance
enabled_backends = fs:file
[database]
connection = $DB/glance
[paste_deploy]
flavor = keystone
[glance_store]
default_backend = fs
[fs]
filesystem_store_datadir = /var/lib/glance/images/
[oslo_concurrency]
lock_path = /var/lib/glance/tmp
$(authtoken glance)
EOF
  glance-manage db_sync

  # neutron-server: API only, ML2 without mechanism drivers/agents (nova needs a
  # network endpoint even for "networks": "none"); the router plugin is required
  # (without it GET /v2.0/ports fails: 'Port' has no attribute 'port_forwardings')
  mkdir -p /var/lib/neutron/tmp /var/log/neutron
  cat > /etc/neutron/neutron.conf <<EOF
[DEFAULT]
core_plugin = ml2
service_plugins = router
bind_host = 127.0.0.1
bind_port = 9696
api_workers = 1
rpc_workers = 1
rpc_state_report_workers = 1
transport_url = $RMQ
auth_strategy = keystone
notify_nova_on_port_status_changes = false
notify_nova_on_port_data_changes = false
log_dir = /var/log/neutron
state_path = /var/lib/neutron
[database]
connection = $DB/neutron
[oslo_concurrency]
lock_path = /var/lib/neutron/tmp
[oslo_messaging_notifications]
driver = noop
$(authtoken neutron)
EOF
  cat > /etc/neutron/plugins/ml2/ml2_conf.ini <<EOF
[ml2]
type_drivers = flat,vxlan
tenant_network_types = vxlan
mechanism_drivers =
extension_drivers = port_security
[ml2_type_flat]
flat_networks = *
[ml2_type_vxlan]
vni_ranges = 1:1000
EOF
  neutron-db-manage --config-file /etc/neutron/neutron.conf \
    --config-file /etc/neutron/plugins/ml2/ml2_conf.ini upgrade head

  # nova
  mkdir -p /var/lib/nova/tmp /var/lib/nova/instances
  cat > /etc/nova/nova.conf <<EOF
[DEFAULT]
transport_url = $RMQ
my_ip = 127.0.0.1
host = osk-compute
state_path = /var/lib/nova
log_dir = /var/log/nova
compute_driver = fake.FakeDriver
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
metadata_listen = 127.0.0.1
osapi_compute_workers = 1
[api]
auth_strategy = keystone
[api_database]
connection = $DB/nova_api
[database]
connection = $DB/nova
[conductor]
workers = 1
[scheduler]
workers = 1
discover_hosts_in_cells_interval = 10
[oslo_concurrency]
lock_path = /var/lib/nova/tmp
[oslo_messaging_notifications]
driver = noop
[vnc]
enabled = false
[wsgi]
api_paste_config = /etc/nova/api-paste.ini
$(authtoken nova)
[service_user]
send_service_user_token = true
$(svcauth nova)
[placement]
$(svcauth placement)
[neutron]
$(svcauth neutron)
[glance]
region_name = RegionOne
EOF
  nova-manage api_db sync
  nova-manage cell_v2 map_cell0 --database_connection $DB/nova_cell0
  nova-manage cell_v2 list_cells | grep -q ' cell1 ' || nova-manage cell_v2 create_cell --name=cell1
  nova-manage db sync

  # heat (heat_metadata_server_url avoids needing a cloudformation endpoint)
  cat > /etc/heat/heat.conf <<EOF
[DEFAULT]
transport_url = $RMQ
log_dir = /var/log/heat
num_engine_workers = 1
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
region_name_for_services = RegionOne
[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1
[database]
connection = $DB/heat
[clients_keystone]
auth_uri = $KS
[oslo_messaging_notifications]
driver = noop
$(authtoken heat)
[trustee]
auth_type = password
auth_url = $KS
username = heat
password = $PW
user_domain_name = Default
EOF
  heat-manage db_sync

  # magnum (etcd discovery pointed at loopback: the default is https://discovery.etcd.io)
  mkdir -p /var/lib/magnum/tmp
  cat > /etc/magnum/magnum.conf <<EOF
[DEFAULT]
transport_url = $RMQ
log_dir = /var/log/magnum
[api]
host = 127.0.0.1
port = 9511
workers = 1
[conductor]
workers = 1
[database]
connection = $DB/magnum
[oslo_concurrency]
lock_path = /var/lib/magnum/tmp
[oslo_messaging_notifications]
driver = noop
[cinder_client]
region_name = RegionOne
[certificates]
cert_manager_type = x509keypair
[cluster]
etcd_discovery_service_endpoint_format = http://127.0.0.1:9/new?size=%(size)d
$(authtoken magnum)
[keystone_auth]
$(svcauth magnum)
[trust]
trustee_domain_name = magnum
trustee_domain_admin_name = magnum_domain_admin
trustee_domain_admin_password = $PW
trustee_keystone_interface = public
cluster_user_trust = false
EOF
  magnum-db-manage upgrade
  set +e
  touch $STATE/configured
}

# ------------------------------------------------------------------ keystone registration
register() {
  [ -f $STATE/registered ] && return 0
  log "registering users, services, endpoints"
  KS=$KS ADMIN_PW=$ADMIN_PW PW=$PW $PY - <<'EOF' || return 1
import os
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
KS, PW = os.environ["KS"], os.environ["PW"]
auth = v3.Password(auth_url=KS + "/v3", username="admin", password=os.environ["ADMIN_PW"],
                   project_name="admin", user_domain_name="Default", project_domain_name="Default")
ks = client.Client(session=session.Session(auth=auth))
def one(lst): return lst[0] if lst else None
default = ks.domains.get("default")
service = one(ks.projects.list(name="service", domain=default)) or ks.projects.create("service", default)
admin_role = one(ks.roles.list(name="admin"))
for r in ("heat_stack_owner", "heat_stack_user", "member", "reader"):
    one(ks.roles.list(name=r)) or ks.roles.create(r)
for u in ("nova", "placement", "glance", "neutron", "heat", "magnum"):
    user = one(ks.users.list(name=u, domain=default)) or ks.users.create(u, domain=default, password=PW)
    ks.roles.grant(admin_role, user=user, project=service)
# magnum trustee domain + its admin
mdom = one(ks.domains.list(name="magnum")) or ks.domains.create("magnum")
madm = one(ks.users.list(name="magnum_domain_admin", domain=mdom)) or ks.users.create("magnum_domain_admin", domain=mdom, password=PW)
ks.roles.grant(admin_role, user=madm, domain=mdom)
for name, typ, url in [("nova", "compute", "http://127.0.0.1:8774/v2.1"),
                       ("placement", "placement", "http://127.0.0.1:8778"),
                       ("glance", "image", "http://127.0.0.1:9292"),
                       ("neutron", "network", "http://127.0.0.1:9696"),
                       ("heat", "orchestration", "http://127.0.0.1:8004/v1/%(tenant_id)s"),
                       ("magnum", "container-infra", "http://127.0.0.1:9511/v1")]:
    svc = one(ks.services.list(type=typ)) or ks.services.create(name, type=typ)
    have = {e.interface for e in ks.endpoints.list(service=svc)}
    for itf in ("public", "internal", "admin"):
        if itf not in have:
            ks.endpoints.create(svc, url, interface=itf, region="RegionOne")
print("registered")
EOF
  touch $STATE/registered
}

# seed a flavor and a 1 MiB raw image named "tiny" (needs nova-api + glance)
seed() {
  [ -f $STATE/seeded ] && return 0
  local T; T=$(token)
  curl -sf -o /dev/null -H "X-Auth-Token: $T" http://127.0.0.1:8774/v2.1/flavors/1 || \
    curl -sf -o /dev/null -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' \
      http://127.0.0.1:8774/v2.1/flavors -d '{"flavor":{"name":"m1.tiny","id":"1","ram":512,"vcpus":1,"disk":1}}'
  if ! curl -s -H "X-Auth-Token: $T" 'http://127.0.0.1:9292/v2/images?name=tiny' | grep -q '"name": "tiny"'; then
    local id; id=$(curl -s -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' \
      http://127.0.0.1:9292/v2/images -d '{"name":"tiny","disk_format":"raw","container_format":"bare","visibility":"public"}' \
      | $PY -c 'import sys,json; print(json.load(sys.stdin)["id"])')
    head -c 1048576 /dev/zero | curl -s -X PUT -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' \
      --data-binary @- http://127.0.0.1:9292/v2/images/$id/file
  fi
  touch $STATE/seeded; log "seeded flavor m1.tiny (id 1) and image tiny"
}

# Magnum's classic Swarm driver (coe swarm) takes only images whose os_distro is fedora-atomic
magnum_swarm_image() {
  [ "$WITH_MAGNUM" = 1 ] || return 0
  local T; T=$(token)
  curl -s -H "X-Auth-Token: $T" 'http://127.0.0.1:9292/v2/images?name=fedora-atomic' | grep -q '"name": "fedora-atomic"' && return 0
  local id; id=$(curl -s -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' http://127.0.0.1:9292/v2/images \
    -d '{"name":"fedora-atomic","disk_format":"qcow2","container_format":"bare","visibility":"public","os_distro":"fedora-atomic"}' \
    | $PY -c 'import sys,json; print(json.load(sys.stdin)["id"])')
  printf 'herd' | curl -s -X PUT -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' --data-binary @- http://127.0.0.1:9292/v2/images/$id/file
  log "registered image fedora-atomic (os_distro fedora-atomic) for Swarm cluster templates"
}


# ------------------------------------------------------------------ packages
PKGS="mariadb-server rabbitmq-server memcached python3-memcache uwsgi uwsgi-plugin-python3 curl
  keystone nova-api nova-conductor nova-scheduler placement-api glance-api
  neutron-api neutron-rpc-server heat-api heat-engine magnum-api magnum-conductor
  python3-openstackclient python3-heatclient python3-osc-placement python3-glanceclient python3-magnumclient"
install_packages() {
  [ "${OPENSTACK_SKIP_INSTALL:-0}" = 1 ] && return 0
  # shellcheck disable=SC2086
  dpkg-query -W -f='${Status}\n' $PKGS 2>/dev/null | grep -c 'install ok installed' | grep -qx "$(echo $PKGS | wc -w)" && return 0
  log "installing OpenStack packages"
  export DEBIAN_FRONTEND=noninteractive
  # keep package scripts from starting daemons with their default configs
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  # nova-compute is left out on purpose: it pulls libvirt/qemu; python3-nova has the code
  # shellcheck disable=SC2086
  apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends $PKGS >/dev/null
}

# everything already up? (pid files alive + API ports open + fixtures written)
all_up() {
  local n p
  for n in keystone placement glance-api neutron-server nova-api nova-conductor nova-scheduler nova-compute heat-api heat-engine; do
    alive $n || return 1; done
  if [ "$WITH_MAGNUM" = 1 ]; then alive magnum-api && alive magnum-conductor || return 1; fi
  for p in 5000 8778 9292 9696 8774 8004; do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || return 1; done
  [ -f $STATE/fixtures ] && [ -f $OUT/clouds.yaml ]
}

# test project + user (member, heat_stack_owner), extra flavors; then clouds.yaml / openrc
fixtures() {
  if [ ! -f $STATE/fixtures ]; then
    KS=$KS ADMIN_PW=$ADMIN_PW P=$TEST_PROJECT U=$TEST_USER UPW=$TEST_PW $PY - <<'EOF' || return 1
import os
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
KS = os.environ["KS"]
auth = v3.Password(auth_url=KS + "/v3", username="admin", password=os.environ["ADMIN_PW"],
                   project_name="admin", user_domain_name="Default", project_domain_name="Default")
ks = client.Client(session=session.Session(auth=auth))
def one(lst): return lst[0] if lst else None
default = ks.domains.get("default")
p = one(ks.projects.list(name=os.environ["P"], domain=default)) or ks.projects.create(os.environ["P"], default)
u = one(ks.users.list(name=os.environ["U"], domain=default)) or ks.users.create(os.environ["U"], domain=default, password=os.environ["UPW"])
for r in ("member", "reader", "heat_stack_owner"):
    ks.roles.grant(one(ks.roles.list(name=r)), user=u, project=p)
print(p.id)
EOF
    local T; T=$(token)
    for f in '{"flavor":{"name":"m1.small","id":"2","ram":1024,"vcpus":1,"disk":1}}' \
             '{"flavor":{"name":"m1.medium","id":"3","ram":2048,"vcpus":2,"disk":2}}'; do
      curl -s -o /dev/null -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' \
        http://127.0.0.1:8774/v2.1/flavors -d "$f"
    done
    # room for the 20-server benchmark and parallel tests
    local pid; pid=$(curl -s -H "X-Auth-Token: $T" "$KS/v3/projects?name=$TEST_PROJECT" | $PY -c 'import sys,json; print(json.load(sys.stdin)["projects"][0]["id"])')
    curl -s -o /dev/null -X PUT -H "X-Auth-Token: $T" -H 'Content-Type: application/json' \
      http://127.0.0.1:8774/v2.1/os-quota-sets/$pid -d '{"quota_set":{"instances":200,"cores":400,"ram":819200,"server_groups":100,"server_group_members":200}}'
    # for Magnum cluster templates: an image with os_distro and an external flat network (no agents,
    # so no Magnum cluster can come up here: it fails and herd must report why)
    local img; img=$(curl -s -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' http://127.0.0.1:9292/v2/images \
      -d '{"name":"fedora-coreos","disk_format":"qcow2","container_format":"bare","visibility":"public","os_distro":"fedora-coreos"}' \
      | $PY -c 'import sys,json; print(json.load(sys.stdin)["id"])')
    printf 'herd' | curl -s -X PUT -H "X-Auth-Token: $T" -H 'Content-Type: application/octet-stream' --data-binary @- http://127.0.0.1:9292/v2/images/$img/file
    local net; net=$(curl -s -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' http://127.0.0.1:9696/v2.0/networks \
      -d '{"network":{"name":"public","router:external":true,"provider:network_type":"flat","provider:physical_network":"public"}}' \
      | $PY -c 'import sys,json; print(json.load(sys.stdin)["network"]["id"])')
    curl -s -o /dev/null -X POST -H "X-Auth-Token: $T" -H 'Content-Type: application/json' http://127.0.0.1:9696/v2.0/subnets \
      -d '{"subnet":{"name":"public-subnet","network_id":"'"$net"'","ip_version":4,"cidr":"172.24.4.0/24","enable_dhcp":false}}'
    touch $STATE/fixtures; log "created project $TEST_PROJECT, user $TEST_USER, flavors m1.small/m1.medium, image fedora-coreos, network public"
  fi
  cat > $OUT/clouds.yaml <<EOF
clouds:
  herd-test:
    auth:
      auth_url: $KS/v3
      username: $TEST_USER
      password: $TEST_PW
      project_name: $TEST_PROJECT
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
  herd-admin:
    auth:
      auth_url: $KS/v3
      username: admin
      password: $ADMIN_PW
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
    identity_api_version: 3
EOF
  cat > $OUT/openrc <<EOF
export OS_AUTH_URL=$KS/v3
export OS_USERNAME=$TEST_USER
export OS_PASSWORD=$TEST_PW
export OS_PROJECT_NAME=$TEST_PROJECT
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_REGION_NAME=RegionOne
export OS_IDENTITY_API_VERSION=3
export OS_INTERFACE=public
EOF
}
# ------------------------------------------------------------------ main
T0=$(date +%s)
install_packages || { log "package install FAILED"; exit 1; }
if all_up; then magnum_swarm_image; log "OpenStack already running; credentials in $OUT"; exit 0; fi
start_backing
configure   # runs under set -e; exits the script on any failure
wsgi keystone 5000 /usr/bin/keystone-wsgi-public /var/log/keystone 2
wait_port 5000 || exit 1
register || { log "register FAILED"; exit 1; }
wsgi placement 8778 /usr/bin/placement-api /var/log/placement 1
daemon glance-api /var/log/glance/glance-api.out glance-api --config-file /etc/glance/glance-api.conf
daemon neutron-server /var/log/neutron/neutron-server.out neutron-server \
  --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini
wsgi nova-api 8774 /usr/bin/nova-api-wsgi /var/log/nova 1
daemon nova-conductor /var/log/nova/nova-conductor.out nova-conductor --config-file /etc/nova/nova.conf
daemon nova-scheduler /var/log/nova/nova-scheduler.out nova-scheduler --config-file /etc/nova/nova.conf
# Debian ships /usr/bin/nova-compute only in the nova-compute package, which pulls
# libvirt/qemu (nova-compute-kvm); python3-nova has the code, so call its entry point.
alive nova-compute && T0C=0 || T0C=$(date +%s)
daemon nova-compute /var/log/nova/nova-compute.out $PY -c \
  'import sys; from nova.cmd.compute import main; sys.argv[0]="/usr/bin/nova-compute"; sys.exit(main())' \
  --config-file /etc/nova/nova.conf --log-file /var/log/nova/nova-compute.log
daemon heat-api /var/log/heat/heat-api.out heat-api --config-file /etc/heat/heat.conf
daemon heat-engine /var/log/heat/heat-engine.out heat-engine --config-file /etc/heat/heat.conf
if [ "$WITH_MAGNUM" = 1 ]; then
  daemon magnum-api /var/log/magnum/magnum-api.out magnum-api --config-file /etc/magnum/magnum.conf
  daemon magnum-conductor /var/log/magnum/magnum-conductor.out magnum-conductor --config-file /etc/magnum/magnum.conf
  wait_port 9511
fi
for p in 8778 9292 9696 8774 8004; do wait_port $p 120 || exit 1; done
# neutron (Zed + SQLAlchemy 1.4): the first GET /v2.0/ports per API worker fails with
# "'Port' has no attribute 'port_forwardings'" until some other query has configured
# the ORM mappers -> warm it up with a networks query.
T=$(token); curl -s -o /dev/null -H "X-Auth-Token: $T" http://127.0.0.1:9696/v2.0/networks
seed
fixtures || { log "fixtures FAILED"; exit 1; }
magnum_swarm_image
# wait until nova-compute is up and mapped to cell1 (scheduler also discovers every 10 s)
for i in $(seq 1 120); do
  nova-manage cell_v2 discover_hosts >/dev/null 2>&1
  nova-manage cell_v2 list_hosts 2>/dev/null | grep -q osk-compute && break; sleep 1
done
# ...and until nova-compute has sent a heartbeat since this script started (after a restart
# the scheduler's ComputeFilter rejects the host until then -> NoValidHost)
T0ISO=$(date -u -d @$T0C +%Y-%m-%dT%H:%M:%S)
for i in $(seq 1 120); do
  curl -s -H "X-Auth-Token: $T" 'http://127.0.0.1:8774/v2.1/os-services?binary=nova-compute' | T0ISO=$T0ISO $PY -c '
import sys, json, os
s = [x for x in json.load(sys.stdin)["services"] if x["state"] == "up" and (x["updated_at"] or "") >= os.environ["T0ISO"]]
sys.exit(0 if s else 1)' && break
  sleep 1
done
log "all services up in $(( $(date +%s) - T0 )) s"
log "auth URL $KS/v3, user $TEST_USER / $TEST_PW, project $TEST_PROJECT (domain Default, region RegionOne)"
log "clouds.yaml and openrc in $OUT"
