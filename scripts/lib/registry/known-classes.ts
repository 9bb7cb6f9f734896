// volume_driver class paths of the support matrix's drivers, as established from Cinder's
// source tree (cinder/volume/drivers/…); the import fills `class` from here for drivers that
// have none yet. Several ids share a class (Huawei's unified driver, NetApp's NetAppDriver,
// PowerMax serving VMAX), so a class may appear under more than one driver.
export const KNOWN_CLASSES: Record<string, readonly string[]> = {
  datacore: [
    'cinder.volume.drivers.datacore.iscsi.ISCSIVolumeDriver',
    'cinder.volume.drivers.datacore.fc.FibreChannelVolumeDriver',
  ],
  datera: ['cinder.volume.drivers.datera.datera_iscsi.DateraDriver'],
  dell_emc_xtremio: [
    'cinder.volume.drivers.dell_emc.xtremio.XtremIOISCSIDriver',
    'cinder.volume.drivers.dell_emc.xtremio.XtremIOFCDriver',
  ],
  dell_emc_powermax: [
    'cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver',
    'cinder.volume.drivers.dell_emc.powermax.fc.PowerMaxFCDriver',
    'cinder.volume.drivers.dell_emc.powermax.nvme_tcp.PowerMaxNVMETCPDriver',
  ],
  dell_emc_powerstore: ['cinder.volume.drivers.dell_emc.powerstore.driver.PowerStoreDriver'],
  dell_emc_powerstore_nfs: ['cinder.volume.drivers.dell_emc.powerstore.nfs.PowerStoreNFSDriver'],
  dell_emc_sc: [
    'cinder.volume.drivers.dell_emc.sc.storagecenter_iscsi.SCISCSIDriver',
    'cinder.volume.drivers.dell_emc.sc.storagecenter_fc.SCFCDriver',
  ],
  dell_emc_powerflex: ['cinder.volume.drivers.dell_emc.powerflex.driver.PowerFlexDriver'],
  dell_emc_powervault: [
    'cinder.volume.drivers.dell_emc.powervault.iscsi.PVMEISCSIDriver',
    'cinder.volume.drivers.dell_emc.powervault.fc.PVMEFCDriver',
  ],
  dell_emc_unity: ['cinder.volume.drivers.dell_emc.unity.Driver'],
  dell_emc_vmax_af: [
    'cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver',
    'cinder.volume.drivers.dell_emc.powermax.fc.PowerMaxFCDriver',
  ],
  dell_emc_vmax_3: [
    'cinder.volume.drivers.dell_emc.powermax.iscsi.PowerMaxISCSIDriver',
    'cinder.volume.drivers.dell_emc.powermax.fc.PowerMaxFCDriver',
  ],
  dell_emc_vnx: ['cinder.volume.drivers.dell_emc.vnx.driver.VNXDriver'],
  fujitsu_eternus: [
    'cinder.volume.drivers.fujitsu.eternus_dx.eternus_dx_fc.FJDXFCDriver',
    'cinder.volume.drivers.fujitsu.eternus_dx.eternus_dx_iscsi.FJDXISCSIDriver',
  ],
  fungible: ['cinder.volume.drivers.fungible.driver.FungibleDriver'],
  hitachi_vsp: [
    'cinder.volume.drivers.hitachi.hbsd_iscsi.HBSDISCSIDriver',
    'cinder.volume.drivers.hitachi.hbsd_fc.HBSDFCDriver',
  ],
  hpe_3par: [
    'cinder.volume.drivers.hpe.hpe_3par_fc.HPE3PARFCDriver',
    'cinder.volume.drivers.hpe.hpe_3par_iscsi.HPE3PARISCSIDriver',
  ],
  hpe_alletramp: [
    'cinder.volume.drivers.hpe.alletramp_driver.HPEAlletraMPFCDriver',
    'cinder.volume.drivers.hpe.alletramp_driver.HPEAlletraMPISCSIDriver',
    'cinder.volume.drivers.hpe.alletramp_driver.HPEAlletraMPNVMETCPDriver',
  ],
  hpe_msa: [
    'cinder.volume.drivers.san.hp.hpmsa_iscsi.HPMSAISCSIDriver',
    'cinder.volume.drivers.san.hp.hpmsa_fc.HPMSAFCDriver',
  ],
  hpe_nimble: ['cinder.volume.drivers.hpe.nimble.NimbleISCSIDriver', 'cinder.volume.drivers.hpe.nimble.NimbleFCDriver'],
  hpe_xp: [
    'cinder.volume.drivers.hpe.xp.hpe_xp_fc.HPEXPFCDriver',
    'cinder.volume.drivers.hpe.xp.hpe_xp_iscsi.HPEXPISCSIDriver',
  ],
  huawei_t_v1: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_t_v2: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_v3: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_f_v3: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_v5: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_f_v5: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_18000: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_dorado: [
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiISCSIDriver',
    'cinder.volume.drivers.huawei.huawei_driver.HuaweiFCDriver',
  ],
  huawei_fusionstorage: ['cinder.volume.drivers.fusionstorage.dsware.DSWAREDriver'],
  ibm_ds8k: ['cinder.volume.drivers.ibm.ibm_storage.ibm_storage.IBMStorageDriver'],
  ibm_gpfs: [
    'cinder.volume.drivers.ibm.gpfs.GPFSDriver',
    'cinder.volume.drivers.ibm.gpfs.GPFSRemoteDriver',
    'cinder.volume.drivers.ibm.gpfs.GPFSNFSDriver',
  ],
  ibm_storwize: [
    'cinder.volume.drivers.ibm.storwize_svc.storwize_svc_iscsi.StorwizeSVCISCSIDriver',
    'cinder.volume.drivers.ibm.storwize_svc.storwize_svc_fc.StorwizeSVCFCDriver',
  ],
  ibm_xiv: ['cinder.volume.drivers.ibm.ibm_storage.ibm_storage.IBMStorageDriver'],
  infinidat: ['cinder.volume.drivers.infinidat.InfiniboxVolumeDriver'],
  infortrend: [
    'cinder.volume.drivers.infortrend.infortrend_iscsi_cli.InfortrendCLIISCSIDriver',
    'cinder.volume.drivers.infortrend.infortrend_fc_cli.InfortrendCLIFCDriver',
  ],
  inspur: [
    'cinder.volume.drivers.inspur.instorage.instorage_iscsi.InStorageMCSISCSIDriver',
    'cinder.volume.drivers.inspur.instorage.instorage_fc.InStorageMCSFCDriver',
  ],
  inspur_as13000: ['cinder.volume.drivers.inspur.as13000.as13000_driver.AS13000Driver'],
  kaminario: [
    'cinder.volume.drivers.kaminario.kaminario_iscsi.KaminarioISCSIDriver',
    'cinder.volume.drivers.kaminario.kaminario_fc.KaminarioFCDriver',
  ],
  kioxia_kumoscale: ['cinder.volume.drivers.kioxia.kumoscale.KumoScaleBaseVolumeDriver'],
  lenovo: [
    'cinder.volume.drivers.lenovo.lenovo_fc.LenovoFCDriver',
    'cinder.volume.drivers.lenovo.lenovo_iscsi.LenovoISCSIDriver',
  ],
  lightbits_lightos: ['cinder.volume.drivers.lightos.LightOSVolumeDriver'],
  linbit_linstor: [
    'cinder.volume.drivers.linstordrv.LinstorDriver',
    'cinder.volume.drivers.linstordrv.LinstorDrbdDriver',
    'cinder.volume.drivers.linstordrv.LinstorIscsiDriver',
  ],
  lvm: ['cinder.volume.drivers.lvm.LVMVolumeDriver'],
  macrosan: [
    'cinder.volume.drivers.macrosan.driver.MacroSANISCSIDriver',
    'cinder.volume.drivers.macrosan.driver.MacroSANFCDriver',
  ],
  nec: ['cinder.volume.drivers.nec.volume.MStorageISCSIDriver', 'cinder.volume.drivers.nec.volume.MStorageFCDriver'],
  nec_v: [
    'cinder.volume.drivers.nec.v.nec_v_iscsi.VStorageISCSIDriver',
    'cinder.volume.drivers.nec.v.nec_v_fc.VStorageFCDriver',
  ],
  netapp_ontap_nvme_tcp: ['cinder.volume.drivers.netapp.common.NetAppDriver'],
  netapp_ontap_iscsi_fc: ['cinder.volume.drivers.netapp.common.NetAppDriver'],
  netapp_ontap_nfs: ['cinder.volume.drivers.netapp.common.NetAppDriver'],
  netapp_solidfire: ['cinder.volume.drivers.solidfire.SolidFireDriver'],
  netapp_asa_r2: ['cinder.volume.drivers.netapp.common.NetAppDriver'],
  nexenta: [
    'cinder.volume.drivers.nexenta.ns5.iscsi.NexentaISCSIDriver',
    'cinder.volume.drivers.nexenta.ns5.nfs.NexentaNfsDriver',
    'cinder.volume.drivers.nexenta.iscsi.NexentaISCSIDriver',
    'cinder.volume.drivers.nexenta.nfs.NexentaNfsDriver',
  ],
  nfs: ['cinder.volume.drivers.nfs.NfsDriver'],
  opene_joviandss: ['cinder.volume.drivers.open_e.iscsi.JovianISCSIDriver'],
  prophetstor: [
    'cinder.volume.drivers.prophetstor.dpl_iscsi.DPLISCSIDriver',
    'cinder.volume.drivers.prophetstor.dpl_fc.DPLFCDriver',
  ],
  pure: [
    'cinder.volume.drivers.pure.PureISCSIDriver',
    'cinder.volume.drivers.pure.PureFCDriver',
    'cinder.volume.drivers.pure.PureNVMEDriver',
  ],
  qnap: ['cinder.volume.drivers.qnap.QnapISCSIDriver'],
  quobyte: ['cinder.volume.drivers.quobyte.QuobyteDriver'],
  rbd: ['cinder.volume.drivers.rbd.RBDDriver'],
  rbd_iscsi: ['cinder.volume.drivers.ceph.rbd_iscsi.RBDISCSIDriver'],
  sandstone: ['cinder.volume.drivers.sandstone.sds_driver.SdsISCSIDriver'],
  seagate: ['cinder.volume.drivers.stx.iscsi.STXISCSIDriver', 'cinder.volume.drivers.stx.fc.STXFCDriver'],
  storpool: ['cinder.volume.drivers.storpool.StorPoolDriver'],
  synology: ['cinder.volume.drivers.synology.synology_iscsi.SynoISCSIDriver'],
  toyou_netstor: [
    'cinder.volume.drivers.toyou.acs5000.acs5000_iscsi.Acs5000ISCSIDriver',
    'cinder.volume.drivers.toyou.acs5000.acs5000_fc.Acs5000FCDriver',
  ],
  toyou_netstor_tyds: ['cinder.volume.drivers.toyou.tyds.tyds.TYDSDriver'],
  vastdata: ['cinder.volume.drivers.vastdata.driver.VASTVolumeDriver'],
  vrtsaccess: ['cinder.volume.drivers.veritas_access.veritas_iscsi.ACCESSIscsiDriver'],
  vrtscnfs: ['cinder.volume.drivers.veritas_cnfs.VeritasCNFSDriver'],
  vzstorage: ['cinder.volume.drivers.vzstorage.VZStorageDriver'],
  vmstore: ['cinder.volume.drivers.vmstore.nfs.VmstoreNfsDriver'],
  vmware: ['cinder.volume.drivers.vmware.vmdk.VMwareVcVmdkDriver'],
  yadro: [
    'cinder.volume.drivers.yadro.tatlin_iscsi.TatlinISCSIVolumeDriver',
    'cinder.volume.drivers.yadro.tatlin_fc.TatlinFCVolumeDriver',
  ],
  zadara: ['cinder.volume.drivers.zadara.zadara.ZadaraVPSAISCSIDriver'],
};
